#!/usr/bin/env bash
# S3 throughput through a local Swift (s3api) on loopback, compared with a local disk copy.
#   bench/load/s3_throughput.sh [SIZE_MIB=512] [JOBS=4]     (after `make build`)
# Prints MiB/s for: local cp, upload (multipart, parallel), parallel ranged download to a
# file, single-stream GET and parallel in-order GET to a callback; and each S3 rate as a ratio to the local copy.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
size_mib=${1:-512}
jobs=${2:-4}
bench=$root/build/bench/load/s3_bench
[[ -x $bench ]] || { echo "build first: cmake --build build --target s3_bench" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/strata-s3-bench.XXXXXX")
state=$work/swift
cleanup() { "$root/tests/e2e/swift/stop.sh" "$state" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

"$root/tests/e2e/swift/start.sh" "$state" > /dev/null
head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$work/data.bin"

start=$(date +%s.%N)
cp "$work/data.bin" "$work/data.copy"
end=$(date +%s.%N)
rm -f "$work/data.copy"
cp_rate=$(awk -v s="$start" -v e="$end" -v m="$size_mib" 'BEGIN { printf "%.1f", m / (e - s) }')

out=$("$root/tests/e2e/swift/with_env.sh" "$state" "$bench" "$work/data.bin" "s3://strata-bench/data.bin" --jobs "$jobs")
echo "$out"
echo "local_cp_mib_s=$cp_rate"
for key in upload_mib_s download_parallel_mib_s stream_single_mib_s stream_parallel_mib_s; do
  rate=$(sed -n "s/.*$key=\([0-9.]*\).*/\1/p" <<< "$out")
  awk -v k="$key" -v r="$rate" -v c="$cp_rate" 'BEGIN { printf "%s_vs_local_cp=%.3f\n", k, r / c }'
done
