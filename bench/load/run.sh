#!/usr/bin/env bash
# `make bench` entry point for extract & load:
#   1. strata load of generated ratings vs DuckDB's own read_csv of the same file, and from
#      Swift on loopback (load_bench.sh; BENCH_LOAD_RATINGS, default 20,000,000);
#   2. raw S3 throughput through the same local Swift (s3_throughput.sh; BENCH_S3_MIB=512,
#      BENCH_S3_JOBS=4).
set -euo pipefail
here=$(dirname "$0")
"$here/load_bench.sh" "${BENCH_LOAD_RATINGS:-20000000}"
exec "$here/s3_throughput.sh" "${BENCH_S3_MIB:-512}" "${BENCH_S3_JOBS:-4}"
