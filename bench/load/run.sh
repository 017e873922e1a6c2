#!/usr/bin/env bash
# `make bench` entry point: S3 throughput through a local Swift (tests/e2e/swift/start.sh),
# with s3_throughput.sh's defaults (BENCH_S3_MIB=512 MiB, BENCH_S3_JOBS=4 parallel streams).
set -euo pipefail
exec "$(dirname "$0")/s3_throughput.sh" "${BENCH_S3_MIB:-512}" "${BENCH_S3_JOBS:-4}"
