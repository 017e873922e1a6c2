#!/usr/bin/env bash
# `make bench` entry point: the project-parsing benchmark with its defaults (1,000 and
# 10,000 models; writes build/bench/project.json). See bench_parse.py.
#   BENCH_PROJECT_SIZES=1000,10000  STRATA=build/strata
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
exec /usr/bin/python3 "$root/bench/project/bench_parse.py" \
  --sizes "${BENCH_PROJECT_SIZES:-1000,10000}" --strata "${STRATA:-$root/build/strata}"
