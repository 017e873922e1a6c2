#!/usr/bin/env bash
# Compiles a fixture project and compares target/compiled and `strata ls` with golden files.
#   compile_golden.sh STRATA PROJECT_DIR          check
#   UPDATE_GOLDEN=1 compile_golden.sh ...         rewrite the golden files
# A third argument names dbt's schema folder; manifest.json is validated against v12 when
# it exists (CI has ../shared/dbt-schemas beside the clone).
set -u
strata=$1
project=$2
golden=$project/expected
schemas=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$project" "$work/p"
rm -rf "$work/p/expected" "$work/p/target"
cd "$work/p" || exit 1
export SHOP_DB="$work/p/shop.duckdb"

if ! "$strata" --no-color compile --project-dir . >"$work/compile.out" 2>"$work/compile.err"; then
  echo "FAIL strata compile exited non-zero:"; cat "$work/compile.err"; exit 1
fi
"$strata" --no-color ls --project-dir . >"$work/ls.txt" 2>/dev/null
"$strata" --no-color ls --project-dir . --select "+customers" --output name >"$work/ls_select.txt" 2>/dev/null

if [[ ${UPDATE_GOLDEN:-} == 1 ]]; then
  rm -rf "$golden"
  mkdir -p "$golden"
  cp -r target/compiled "$golden/compiled"
  cp "$work/ls.txt" "$work/ls_select.txt" "$golden/"
  echo "updated $golden"
  exit 0
fi

failures=0
if ! diff -ru "$golden/compiled" target/compiled; then failures=$((failures + 1)); fi
if ! diff -u "$golden/ls.txt" "$work/ls.txt"; then failures=$((failures + 1)); fi
if ! diff -u "$golden/ls_select.txt" "$work/ls_select.txt"; then failures=$((failures + 1)); fi
# The manifest exists and names every compiled model.
/usr/bin/python3 - "$work/p/target/manifest.json" <<'PY' || failures=$((failures + 1))
import json, sys
m = json.load(open(sys.argv[1]))
assert m["metadata"]["project_name"] == "shop", m["metadata"]
assert "model.shop.customers" in m["nodes"], list(m["nodes"])[:5]
assert m["nodes"]["model.shop.customers"]["compiled_code"], "compiled_code missing"
assert m["parent_map"]["model.shop.customers"] == ["model.shop.stg_customers", "model.shop.stg_orders"], m["parent_map"]["model.shop.customers"]
# A model disabled by its folder (+enabled: false) is listed under "disabled", as in dbt.
off = m["disabled"].get("model.shop.old_report")
assert off and off[0]["config"]["enabled"] is False and off[0]["original_file_path"] == "models/legacy/old_report.sql", m["disabled"]
assert "model.shop.old_report" not in m["nodes"] and "model.shop.old_report" not in m["parent_map"]
# ... and so is the test on it (models/legacy/schema.yml), instead of failing the parse.
tests = [k for k in m["disabled"] if k.startswith("test.shop.not_null_old_report_id.")]
assert len(tests) == 1 and not any(k.startswith("test.shop.not_null_old_report_id.") for k in m["nodes"]), list(m["disabled"])
PY
if [[ -n $schemas && -f $schemas/manifest-v12.json ]]; then
  /usr/bin/python3 - "$schemas/manifest-v12.json" "$work/p/target/manifest.json" <<'PY' || failures=$((failures + 1))
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(json.load(open(sys.argv[2]))))
for e in errors[:10]:
    print("manifest.json:", list(e.absolute_path), e.message[:300])
sys.exit(1 if errors else 0)
PY
else
  echo "note: dbt schemas not found; manifest.json not validated"
fi
if ((failures)); then echo "0 passed, $failures failed"; exit 1; fi
echo "1 passed, 0 failed"
