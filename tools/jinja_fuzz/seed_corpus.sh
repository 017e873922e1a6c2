#!/usr/bin/env bash
# Writes the template part of every conformance case (after the first "---" line) into $1,
# one file per case, as the fuzzer's seed corpus.
set -euo pipefail
out=${1:?usage: seed_corpus.sh OUTDIR}
mkdir -p "$out"
root=$(cd "$(dirname "$0")/../.." && pwd)
n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  awk 'found { print; next } /^---$/ { found = 1 }' "$f" > "$out/case_$n"
done < <(find "$root/tests/jinja/cases" -type f -name '*.txt' -print0)
echo "seed corpus: $n templates in $out" >&2
