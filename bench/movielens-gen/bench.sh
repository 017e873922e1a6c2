#!/usr/bin/env bash
# Times movielens-gen writing a dataset (default: the 20m preset, 20,000,263 ratings) and
# checks the target: the whole dataset in under 20 s on this machine. The output goes to a
# temporary folder (under $BENCH_TMP, default /tmp) and is deleted afterwards.
#   bench/movielens-gen/bench.sh [PRESET] [extra movielens-gen args...]
#   BIN=build/movielens-gen  TARGET_SECONDS=20
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${BIN:-$root/build/movielens-gen}
preset=${1:-20m}
shift || true
target=${TARGET_SECONDS:-20}
[[ -x $bin ]] || { echo "bench: $bin not built (cmake --build build --target movielens-gen)" >&2; exit 1; }

out=$(mktemp -d "${BENCH_TMP:-/tmp}/movielens-gen-bench.XXXXXX")
timing=$(mktemp)
trap 'rm -rf "$out" "$timing"' EXIT

echo "bench: $bin --preset $preset --out $out $*" >&2
status=0
/usr/bin/time -v "$bin" --preset "$preset" --out "$out" "$@" 2>"$timing" || status=$?
grep -v $'^\t' "$timing" >&2 || true  # the generator's own summary
((status == 0)) || { echo "bench: movielens-gen failed (exit $status)" >&2; exit 1; }

wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$timing")
seconds=$(awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<<"$wall")
user=$(awk -F': ' '/User time/ {print $2}' "$timing")
sys=$(awk -F': ' '/System time/ {print $2}' "$timing")
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$timing")
bytes=$(du -sb "$out" | cut -f1)
ratings=$(($(wc -l <"$out/ratings.csv") - 1))
printf 'movielens-gen bench: preset=%s ratings=%d bytes=%d wall=%ss user=%ss sys=%ss peak_rss=%sKB rate=%.0fMB/s load=%s\n' \
  "$preset" "$ratings" "$bytes" "$seconds" "$user" "$sys" "$rss" "$(awk -v b="$bytes" -v s="$seconds" 'BEGIN{print b/s/1e6}')" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
if awk -v s="$seconds" -v t="$target" 'BEGIN{exit !(s > t)}'; then
  echo "bench: FAIL: ${seconds}s is over the ${target}s target" >&2
  exit 1
fi
echo "bench: OK: under ${target}s" >&2
