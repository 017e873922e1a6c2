#!/usr/bin/env bash
# The parse cache gives the same manifest as a full parse, and re-parses when an input
# changes: a model, a macro, a properties file, --vars, an env var read by a model, a new
# file. Each step runs `strata parse` twice on the same project: once with the cache (its
# status line must say why it did or did not parse) and once with --no-partial-parse; the
# two manifest.json files must be equal apart from metadata.
#   parse_cache.sh STRATA SHOP_PROJECT_DIR
set -u
strata=$1
project=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$project" "$work/p"
rm -rf "$work/p/expected" "$work/p/target"
cd "$work/p" || exit 1
export SHOP_DB="$work/p/shop.duckdb"
failures=0

# parse_and_compare NAME EXPECTED_STATUS_REGEX [extra strata args...]
parse_and_compare() {
  local name=$1 expected=$2
  shift 2
  if ! "$strata" --no-color parse --project-dir . "$@" >"$work/cached.out" 2>&1; then
    echo "FAIL [$name] strata parse failed:"; cat "$work/cached.out"; failures=$((failures + 1)); return
  fi
  if ! grep -Eq "$expected" "$work/cached.out"; then
    echo "FAIL [$name] expected status /$expected/, got:"; head -1 "$work/cached.out"; failures=$((failures + 1))
  fi
  cp target/manifest.json "$work/cached.json"
  # The full parse must not touch the cache: keep it to check that below.
  cp target/strata_partial_parse.bin "$work/cache.bin" 2>/dev/null
  if ! "$strata" --no-color parse --project-dir . --no-partial-parse "$@" >"$work/full.out" 2>&1; then
    echo "FAIL [$name] strata parse --no-partial-parse failed:"; cat "$work/full.out"; failures=$((failures + 1)); return
  fi
  grep -q "full parse: --no-partial-parse" "$work/full.out" || { echo "FAIL [$name] --no-partial-parse status"; failures=$((failures + 1)); }
  cmp -s target/strata_partial_parse.bin "$work/cache.bin" || { echo "FAIL [$name] --no-partial-parse changed the cache"; failures=$((failures + 1)); }
  if ! /usr/bin/python3 - "$work/cached.json" target/manifest.json "$name" <<'PY'; then failures=$((failures + 1)); fi
import json, sys
def strip(value):
    # created_at is the time a node was parsed; everything else must match.
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k != "created_at"}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value
a, b = (strip(json.load(open(p))) for p in sys.argv[1:3])
for m in (a, b):
    m.pop("metadata", None)
if a != b:
    for key in sorted(set(a) | set(b)):
        if a.get(key) != b.get(key):
            x, y = a.get(key) or {}, b.get(key) or {}
            if isinstance(x, dict) and isinstance(y, dict):
                diff = [k for k in sorted(set(x) | set(y)) if x.get(k) != y.get(k)]
                print(f"FAIL [{sys.argv[3]}] {key} differ: {diff[:5]}")
            else:
                print(f"FAIL [{sys.argv[3]}] {key} differ")
    sys.exit(1)
PY
  echo "ok [$name] $(head -1 "$work/cached.out" | sed 's/.*(\(.*\))$/\1/')"
}

parse_and_compare "first parse" "full parse: no parse cache"
parse_and_compare "unchanged" "parse cache: unchanged"
parse_and_compare "unchanged again" "parse cache: unchanged"

# A model's code and config() change.
sed -i 's/alias=.dim_customers./alias='"'"'dim_clients'"'"'/' models/marts/customers.sql
parse_and_compare "model changed" "partial parse: re-parsed models/marts/customers.sql"
parse_and_compare "model changed, then unchanged" "parse cache: unchanged"

# A macro overriding a naming macro changes every node's alias.
cat >>macros/currency.sql <<'SQL'

{% macro generate_alias_name(custom_alias_name=none, node=none) -%}
  {%- if custom_alias_name -%}{{ custom_alias_name | trim }}{%- else -%}{{ node.name }}_t{%- endif -%}
{%- endmacro %}
SQL
parse_and_compare "macro added" "full parse: macros/currency.sql changed"

# A properties file: a description and a test.
sed -i 's/description: One row per customer/description: Exactly one row per customer/' models/staging/schema.yml
parse_and_compare "properties changed" "full parse: models/staging/schema.yml changed"

# --vars
parse_and_compare "vars given" "full parse: vars changed" --vars '{start_date: "2025-02-02"}'
parse_and_compare "same vars" "parse cache: unchanged" --vars '{start_date: "2025-02-02"}'
parse_and_compare "vars dropped" "full parse: vars changed"

# An env var read by a model's config().
printf '%s\n' "{{ config(tags=[env_var('STRATA_CACHE_TEST_TAG', 'untagged')]) }}" | cat - models/staging/stg_events.sql >"$work/m.sql"
mv "$work/m.sql" models/staging/stg_events.sql
parse_and_compare "env var read" "partial parse: re-parsed models/staging/stg_events.sql"
STRATA_CACHE_TEST_TAG=blue parse_and_compare "env var set" "full parse: env var STRATA_CACHE_TEST_TAG changed"
STRATA_CACHE_TEST_TAG=blue parse_and_compare "env var same" "parse cache: unchanged"
parse_and_compare "env var unset" "full parse: env var STRATA_CACHE_TEST_TAG changed"

# Partial re-parses: new refs (depends_on and child_map change), two files at once, an
# unknown config key (a warning), a file of a model that becomes disabled (full parse).
sed -i 's/from {{ ref(.stg_customers.) }} c/from {{ ref('"'"'stg_customers'"'"') }} c cross join {{ ref('"'"'stg_events'"'"') }} e/' models/marts/customers.sql
parse_and_compare "ref added" "partial parse: re-parsed models/marts/customers.sql"
printf '\n-- touched\n' >>models/marts/orders.sql
printf '\n-- touched\n' >>analyses/top_customers.sql
parse_and_compare "two files" "partial parse: re-parsed (models/marts/orders.sql, analyses/top_customers.sql|analyses/top_customers.sql, models/marts/orders.sql)"
printf '%s\n' "{% do exceptions.warn('orders_parse_warning') %}" >>models/marts/orders.sql
parse_and_compare "render warning" "partial parse: re-parsed models/marts/orders.sql"
grep -q "orders_parse_warning" "$work/cached.out" || { echo "FAIL [render warning] the warning is not shown"; failures=$((failures + 1)); }
parse_and_compare "warning kept from the cache" "parse cache: unchanged"
grep -q "orders_parse_warning" "$work/cached.out" || { echo "FAIL [warning kept] the cached warning is not shown"; failures=$((failures + 1)); }
sed -i '$d' models/marts/orders.sql
parse_and_compare "warning gone" "partial parse: re-parsed models/marts/orders.sql"
grep -q "orders_parse_warning" "$work/cached.out" && { echo "FAIL [warning gone] a stale warning is shown"; failures=$((failures + 1)); }
printf '%s\n' "{{ config(enabled=false) }}" >>models/marts/order_share.sql
parse_and_compare "model disabled" "full parse: models/marts/order_share.sql changed"
sed -i '$d' models/marts/order_share.sql
parse_and_compare "model enabled again" "full parse: models/marts/order_share.sql changed"
# A singular test on the disabled model (models/legacy) is disabled with it, also when only
# its file changed to read it (the partial re-parse gives way to a full parse).
printf '%s\n' "select * from {{ ref('customers') }} where false" >tests/assert_report_empty.sql
parse_and_compare "singular test added" "full parse: tests/assert_report_empty.sql was added"
printf '%s\n' "select * from {{ ref('old_report') }} where false" >tests/assert_report_empty.sql
parse_and_compare "test now reads a disabled model" "full parse: tests/assert_report_empty.sql changed"
/usr/bin/python3 -c 'import json, sys; m = json.load(open("target/manifest.json")); sys.exit(not ("test.shop.assert_report_empty" in m["disabled"] and "test.shop.assert_report_empty" not in m["nodes"]))' ||
  { echo "FAIL [test now reads a disabled model] not under disabled"; failures=$((failures + 1)); }
rm tests/assert_report_empty.sql
parse_and_compare "singular test removed" "full parse: tests/assert_report_empty.sql was removed"

# A broken ref in a partially re-parsed file: the same error as a full parse.
cp models/marts/customers.sql "$work/customers.sql"
sed -i 's/ref(.stg_events.)/ref('"'"'stg_eventz'"'"')/' models/marts/customers.sql
"$strata" --no-color parse --project-dir . >"$work/err_cached.out" 2>&1 && { echo "FAIL [broken ref] parse succeeded"; failures=$((failures + 1)); }
"$strata" --no-color parse --project-dir . --no-partial-parse >"$work/err_full.out" 2>&1
if diff <(grep -v '^Parsed' "$work/err_cached.out") <(grep -v '^Parsed' "$work/err_full.out") >/dev/null && grep -q "stg_eventz" "$work/err_full.out"; then
  echo "ok [broken ref] same error as a full parse"
else
  echo "FAIL [broken ref] errors differ:"; cat "$work/err_cached.out" "$work/err_full.out"; failures=$((failures + 1))
fi
cp "$work/customers.sql" models/marts/customers.sql
# The failed parse saved nothing: the restored file is what the cache has.
parse_and_compare "ref fixed" "parse cache: unchanged"

# A new model file and a removed one.
printf 'select 1 as id\n' >models/marts/extra.sql
parse_and_compare "file added" "full parse: models/marts/extra.sql was added"
rm models/marts/extra.sql
parse_and_compare "file removed" "full parse: models/marts/extra.sql was removed"

# A damaged cache is ignored, not trusted.
head -c 1000 target/strata_partial_parse.bin >"$work/short.bin" && cp "$work/short.bin" target/strata_partial_parse.bin
parse_and_compare "damaged cache" "full parse: the parse cache is (from another strata version or damaged|damaged)"
printf 'garbage' >target/strata_partial_parse.bin
parse_and_compare "garbage cache" "full parse: the parse cache is from another strata version or damaged"

# compile and ls reuse the cache, and compile's output equals a compile without it.
"$strata" --no-color compile --project-dir . >"$work/compile1.out" 2>&1 || { echo "FAIL compile with cache"; cat "$work/compile1.out"; failures=$((failures + 1)); }
cp -r target/compiled "$work/compiled_cached"
"$strata" --no-color compile --project-dir . --no-partial-parse >/dev/null 2>&1 || { echo "FAIL compile without cache"; failures=$((failures + 1)); }
diff -r "$work/compiled_cached" target/compiled >/dev/null || { echo "FAIL compiled SQL differs with the parse cache"; failures=$((failures + 1)); }

if ((failures)); then
  echo "$failures failure(s)"
  exit 1
fi
echo "parse cache: all checks passed"
