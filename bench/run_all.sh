#!/usr/bin/env bash
# Runs the benchmarks: every bench/<name>/run.sh in name order, or only the named ones.
#   bench/run_all.sh [NAME...]        (make bench, make bench BENCH="project load")
# Each run.sh takes no arguments and uses its defaults. A benchmark that fails does not
# stop the others; the exit status says whether any failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
names=("$@")
if ((${#names[@]} == 0)); then
  for script in "$root"/bench/*/run.sh; do names+=("$(basename "$(dirname "$script")")"); done
fi
failed=()
for name in "${names[@]}"; do
  script=$root/bench/$name/run.sh
  if [[ ! -x $script ]]; then
    echo "bench: no benchmark '$name' (expected an executable $script); have:" \
      "$(cd "$root/bench" && ls -d */run.sh 2>/dev/null | sed 's|/run.sh||' | tr '\n' ' ')" >&2
    failed+=("$name")
    continue
  fi
  echo "=== bench/$name ($(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  (cd "$root" && "$script") || { echo "bench: bench/$name failed" >&2; failed+=("$name"); }
done
if ((${#failed[@]})); then
  echo "bench: failed: ${failed[*]}" >&2
  exit 1
fi
