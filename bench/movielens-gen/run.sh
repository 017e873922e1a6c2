#!/usr/bin/env bash
# `make bench` entry point: bench.sh with its default preset (20m; BENCH_MOVIELENS_PRESET overrides).
set -euo pipefail
exec "$(dirname "$0")/bench.sh" "${BENCH_MOVIELENS_PRESET:-20m}"
