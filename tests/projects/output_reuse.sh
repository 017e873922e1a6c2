#!/usr/bin/env bash
# `strata parse` and `strata compile` reuse their own outputs when nothing changed, and
# only then: every reused result must equal what a full run writes, and every change that
# can alter a result must make the command run again.
#   output_reuse.sh STRATA SHOP_PROJECT_DIR
set -u
strata=$(realpath "$1")
project=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$project" "$work/p"
rm -rf "$work/p/expected" "$work/p/target"
cd "$work/p" || exit 1
export SHOP_DB="$work/p/shop.duckdb"
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

# run NAME EXPECT(reused|ran) COMMAND [args...]
run() {
  local name=$1 expect=$2
  shift 2
  if ! "$strata" --no-color "$@" >"$work/out" 2>&1; then
    fail "[$name] strata $* failed:"; cat "$work/out"; return
  fi
  local got=ran
  grep -Eq "up to date" "$work/out" && got=reused
  [[ $got == "$expect" ]] || { fail "[$name] expected $expect, got $got:"; head -3 "$work/out"; return; }
  echo "ok [$name] $got"
}

# manifest.json minus per-run metadata and created_at, for comparisons.
normalized() {
  /usr/bin/python3 - "$1" <<'PY'
import json, sys
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k != "created_at"}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
m = json.load(open(sys.argv[1]))
meta = m.pop("metadata")
print(json.dumps(strip(m), sort_keys=True))
PY
}
metadata() { /usr/bin/python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))["metadata"]; print(m["generated_at"], m["invocation_id"])' "$1"; }

# parse: the second run reuses; the manifest is the same apart from fresh metadata.
run "parse cold" ran parse
normalized target/manifest.json >"$work/parse1.json"
metadata target/manifest.json >"$work/meta1"
sleep 0.01
run "parse again" reused parse
normalized target/manifest.json >"$work/parse2.json"
metadata target/manifest.json >"$work/meta2"
cmp -s "$work/parse1.json" "$work/parse2.json" || fail "[parse again] manifest differs from the full parse"
/usr/bin/python3 -c 'import json,sys; json.load(open(sys.argv[1]))' target/manifest.json || fail "[parse again] manifest.json is not valid JSON"
read -r gen1 inv1 <"$work/meta1"; read -r gen2 inv2 <"$work/meta2"
[[ $gen1 != "$gen2" && $inv1 != "$inv2" ]] || fail "[parse again] generated_at/invocation_id were not refreshed ($gen1 $inv1 / $gen2 $inv2)"
run "parse --vars" ran parse --vars '{unused_var: 1}'
run "parse back without vars" ran parse
run "parse reused again" reused parse
run "parse --no-partial-parse" ran parse --no-partial-parse
run "parse after a full parse without cache" ran parse
run "parse reused" reused parse

# compile: reuse needs the same selection and intact compiled files.
run "compile" ran compile
find target/compiled -type f | sort >"$work/files1"
normalized target/manifest.json >"$work/compile1.json"
run "compile again" reused compile
normalized target/manifest.json >"$work/compile2.json"
cmp -s "$work/compile1.json" "$work/compile2.json" || fail "[compile again] manifest differs"
run "parse after compile" ran parse
run "compile after parse" ran compile
run "compile reused" reused compile
run "compile --select" ran compile --select orders
run "compile all again" ran compile
victim=$(head -1 "$work/files1")
cp "$victim" "$work/victim.sql"
rm "$victim"
run "compiled file deleted" ran compile
cmp -s "$victim" "$work/victim.sql" || fail "[compiled file deleted] $victim was not written again"
echo "-- edited by hand" >>"$victim"
run "compiled file edited" ran compile
cmp -s "$victim" "$work/victim.sql" || fail "[compiled file edited] $victim was not restored"
run "compile reused after repair" reused compile
cp target/manifest.json "$work/manifest.before"
echo " " >>target/manifest.json
run "manifest edited" ran compile
run "compile reused after manifest" reused compile

# A model whose SQL depends on the run (invocation id) or prints is never reused.
# (a model that compiles: disabled ones never render)
package=$(sed -n "s/^name: *['\"]*\([A-Za-z0-9_]*\).*/\1/p" dbt_project.yml)
model=$(cd "target/compiled/$package" && find models -name '*.sql' | sort | head -1)
cp "$model" "$work/model.sql"
echo "-- run {{ invocation_id }}" >>"$model"
run "model reads invocation_id" ran compile
run "still not reused" ran compile
cp "$work/model.sql" "$model"
echo "{% do log('compiling', info=true) %}" >>"$model"
run "model logs" ran compile
run "model logs: not reused" ran compile
cp "$work/model.sql" "$model"

# An env var read only at compile time (inside `execute`) keeps its value or recompiles.
echo "-- {% if execute %}{{ env_var('STRATA_REUSE_TEST', 'unset') }}{% endif %}" >>"$model"
export STRATA_REUSE_TEST=one
run "compile-time env var" ran compile
run "env var unchanged" reused compile
export STRATA_REUSE_TEST=two
run "env var changed" ran compile
grep -rq -- "-- two" target/compiled || fail "[env var changed] compiled SQL does not show the new value"
cp "$work/model.sql" "$model"

# A compile that failed is never reused: it fails again.
echo "select 1 {% if execute %}{{ exceptions.raise_compiler_error('broken on purpose') }}{% endif %}" >"models/broken_reuse.sql"
for attempt in 1 2; do
  if "$strata" --no-color compile >"$work/out" 2>&1; then fail "[broken model $attempt] compile succeeded"; fi
  grep -q "broken on purpose" "$work/out" || { fail "[broken model $attempt] error not shown"; cat "$work/out"; }
done
rm models/broken_reuse.sql
run "compile after the broken model" ran compile
run "and reused" reused compile

if ((failures)); then
  echo "$failures failure(s)"
  exit 1
fi
echo "all output-reuse checks passed"
