#!/usr/bin/env bash
# --state with state: and result: selectors, and --defer, end to end: a real build's target/ is the
# previous state; then a model's SQL, a config, a relation, a macro and a new model change,
# and each state: selector picks what dbt's would. Also depends_on.macros and macro_sql in
# manifest.json, which state:modified.macros relies on.
source "$(dirname "$0")/../lib/check.sh" "$1"
selected() {  # selected SELECTOR...: the names `strata ls` prints, space-separated
  "$strata" ls --state prev --resource-type model --resource-type test -s "$@" 2>/dev/null | tr '\n' ' ' | sed 's/ $//'
}

new_project() {  # new_project DIR NAME OUTPUTS...: a project whose profile has these outputs; cd into it
  local dir=$1 name=$2; shift 2
  mkdir -p "$dir/models" "$dir/macros" && cd "$dir" || exit 1
  printf 'name: %s\nversion: "1.0"\nprofile: %s\n' "$name" "$name" >dbt_project.yml
  { printf '%s:\n  target: dev\n  outputs:\n' "$name"; printf '    %s\n' "$@"; } >profiles.yml
}

new_project "$work/p" st "dev: {type: duckdb, path: st.duckdb}"
echo "select 1 as id" >models/a.sql
echo "select * from {{ ref('a') }}" >models/b.sql
echo "select {{ one() }} as id" >models/c.sql
echo "select 2 as id" >models/e.sql
echo "{% macro one() %}{{ two() }}{% endmacro %}" >macros/one.sql
echo "{% macro two() %}1{% endmacro %}" >macros/two.sql
cat >models/schema.yml <<'YML'
models:
  - name: a
    columns:
      - name: id
        data_tests: [not_null]
YML
"$strata" build >"$work/out" 2>&1; rc=$?
check "the first build passes" test $rc -eq 0
cp -r target prev

check "manifest: a model's depends_on.macros" /usr/bin/python3 -c '
import json; m = json.load(open("prev/manifest.json"))
assert m["nodes"]["model.st.c"]["depends_on"]["macros"] == ["macro.st.one"], m["nodes"]["model.st.c"]["depends_on"]
assert m["macros"]["macro.st.one"]["depends_on"]["macros"] == ["macro.st.two"]
assert m["macros"]["macro.st.one"]["macro_sql"] == "{% macro one() %}{{ two() }}{% endmacro %}"
t = [n for k, n in m["nodes"].items() if k.startswith("test.st.not_null_a_id")][0]
assert t["depends_on"]["macros"] == ["macro.dbt.test_not_null", "macro.dbt.get_where_subquery"], t["depends_on"]'

check "nothing modified right after the build" test -z "$(selected state:modified)"
check "everything unmodified" test "$(selected state:unmodified)" = "st.a st.b st.c st.e st.not_null_a_id"
# Eager indirect selection takes a's test along with the models that succeeded, as in dbt.
check "result:success" test "$(selected result:success)" = "st.a st.b st.c st.e st.not_null_a_id"
check "result:pass (the test)" test "$(selected result:pass)" = "st.not_null_a_id"

echo "select 1 as id -- edited" >models/a.sql
echo "{{ config(materialized='table') }} select * from {{ ref('a') }}" >models/b.sql
echo "{% macro two() %}2{% endmacro %}" >macros/two.sql
echo "{{ config(alias='e_renamed') }} select 2 as id" >models/e.sql
echo "select 3 as id" >models/d.sql

check "state:new" test "$(selected state:new)" = "st.d"
check "state:modified.body (b's file changed too)" test "$(selected state:modified.body)" = "st.a st.b st.d st.e st.not_null_a_id"
check "state:modified.configs" test "$(selected state:modified.configs)" = "st.b st.d st.e"
check "state:modified.relation" test "$(selected state:modified.relation)" = "st.d st.e"
check "state:modified.macros (through one() to two())" test "$(selected state:modified.macros)" = "st.c st.d"
check "state:modified takes the tests of modified models (eager)" \
  test "$(selected state:modified)" = "st.a st.b st.c st.d st.e st.not_null_a_id"
check "state:modified+ " test "$(selected state:modified+)" = "st.a st.b st.c st.d st.e st.not_null_a_id"
check "state:unmodified" test "$(selected state:unmodified)" = "st.not_null_a_id"
"$strata" build -s state:modified.body --state prev >"$work/out" 2>&1; rc=$?
check "build -s state:modified.body runs" test $rc -eq 0
check "  only those nodes" test "$(/usr/bin/python3 -c '
import json
ids = (r["unique_id"] for r in json.load(open("target/run_results.json"))["results"])
print(" ".join(sorted(i.rsplit(".", 1)[0] if i.startswith("test.") else i for i in ids)))')" \
  = "model.st.a model.st.b model.st.d model.st.e test.st.not_null_a_id"

"$strata" ls -s state:modified >"$work/out" 2>&1; rc=$?
check "state: without --state: exit 1" test $rc -eq 1
check "  says what to pass" grep -q "hint: pass --state DIR" "$work/out"
"$strata" ls -s state:modified --state nowhere >"$work/out" 2>&1; rc=$?
check "a --state folder without manifest.json: exit 1" test $rc -eq 1
check "  says so" grep -q "error: --state .*nowhere: no manifest.json there" "$work/out"
DBT_STATE=prev "$strata" ls -s state:new >"$work/out" 2>&1; rc=$?
check "DBT_STATE gives the folder" grep -qx "st.d" "$work/out"

# --defer: a dev target builds b against production's a, which dev has not built.
new_project "$work/defer" df "dev: {type: duckdb, path: df.duckdb, schema: dev}" \
  "prod: {type: duckdb, path: df.duckdb, schema: prod}"
echo "{{ config(materialized='table') }} select 41 as id" >models/a.sql
echo "{{ config(materialized='table') }} select id + 1 as id from {{ ref('a') }}" >models/b.sql
"$strata" build --target prod >"$work/out" 2>&1
check "defer: production builds" test $? -eq 0
cp -r target prod-state
"$strata" build -s b >"$work/out" 2>&1; rc=$?
check "defer: without --defer, dev's b fails (dev.a does not exist)" test $rc -eq 1
"$strata" build -s b --defer --state prod-state >"$work/out" 2>&1; rc=$?
check "defer: with --defer, b builds" test $rc -eq 0
check "defer: it says so" grep -q "Deferred 1 parent to the relations of --state prod-state" "$work/out"
check "defer: b read prod.a" grep -q '"prod"."a"' target/run/df/models/b.sql
check "defer: dev.b holds 42" test "$("$strata" show --inline 'select id from {{ ref("b") }}' --output csv 2>/dev/null | tail -1)" = 42
check "defer: manifest.json keeps a's own relation" /usr/bin/python3 -c '
import json; m = json.load(open("target/manifest.json")); assert m["nodes"]["model.df.a"]["schema"] == "dev", m["nodes"]["model.df.a"]["schema"]'
"$strata" compile -s b --defer --state prod-state >"$work/out" 2>&1; rc=$?
check "defer: compile exits 0" test $rc -eq 0
check "defer: compiled b reads prod.a" grep -q '"prod"."a"' target/compiled/df/models/b.sql
check "defer: compile's manifest.json keeps a's own relation" /usr/bin/python3 -c '
import json; m = json.load(open("target/manifest.json")); assert m["nodes"]["model.df.a"]["schema"] == "dev"'
"$strata" show -s b --defer --state prod-state --output csv >"$work/out" 2>/dev/null; rc=$?
check "defer: show -s b (dev.b exists; a from prod) exits 0" test $rc -eq 0
echo "{{ config(materialized='table') }} select id + 2 as id from {{ ref('a') }}" >models/b.sql
check "defer: show -s b previews b's new SQL over prod.a" test "$("$strata" show -s b --defer --state prod-state --output csv 2>/dev/null | tail -1)" = 43
"$strata" show -s b --output csv >"$work/out" 2>&1; rc=$?
check "defer: show -s b without --defer fails (no dev.a)" test $rc -ne 0
"$strata" show --inline 'select 1' --defer --state prod-state >"$work/out" 2>&1; rc=$?
check "defer: show --inline --defer is a usage error" test $rc -eq 2
echo "{{ config(materialized='table') }} select id + 1 as id from {{ ref('a') }}" >models/b.sql
"$strata" build -s a >/dev/null 2>&1
"$strata" build -s b --defer --state prod-state >"$work/out" 2>&1
check "defer: once dev has a, b reads dev.a" grep -q '"dev"."a"' target/run/df/models/b.sql
"$strata" build -s b --defer --favor-state --state prod-state >"$work/out" 2>&1
check "defer: --favor-state reads prod.a anyway" grep -q '"prod"."a"' target/run/df/models/b.sql
echo "{{ config(materialized='ephemeral') }} select id from {{ ref('a') }}" >models/eph.sql
echo "{{ config(materialized='table') }} select id * 10 as id from {{ ref('eph') }}" >models/via_eph.sql
"$strata" build --target prod -s eph via_eph >/dev/null 2>&1 && cp target/manifest.json prod-state/manifest.json
"$strata" build -s via_eph --defer --favor-state --state prod-state >"$work/out" 2>&1; rc=$?
check "defer: through an unselected ephemeral parent, exit 0" test $rc -eq 0
check "  the ephemeral's ref reads prod.a" grep -q '"prod"."a"' target/run/df/models/via_eph.sql
"$strata" build -s b --defer >"$work/out" 2>&1; rc=$?
check "defer: --defer without --state is a usage error" test $rc -eq 2
check "  that says what to add" grep -q "error: --defer needs --state DIR" "$work/out"

# source_status:fresher: this target's sources.json against the --state one.
echo "{{ config(materialized='table') }} select timestamp '{{ var(\"loaded\", \"2026-01-01\") }}' as loaded_at" >models/events.sql
echo "select * from {{ source('app', 'events') }}" >models/uses_events.sql
cat >models/sources.yml <<'YML'
sources:
  - name: app
    schema: dev
    tables:
      - name: events
        loaded_at_field: loaded_at
        freshness: {warn_after: {count: 100000, period: day}}
YML
"$strata" build -s events >/dev/null 2>&1 && "$strata" source freshness >/dev/null 2>&1
check "source_status: the first freshness check writes sources.json" test -f target/sources.json
"$strata" ls -s source_status:fresher --state prod-state >"$work/out" 2>&1; rc=$?
check "source_status: --state without sources.json is an error" test $rc -eq 1
check "  that names it" grep -q "compares source freshness, but --state .*prod-state holds no sources.json" "$work/out"
cp target/sources.json prod-state/
"$strata" ls -s source_status:fresher --state prod-state >"$work/out" 2>&1
check "source_status: nothing fresher before new data" bash -c "! grep -q 'source:df.app.events' '$work/out'"
"$strata" build -s events --vars '{loaded: "2026-02-01"}' >/dev/null 2>&1 && "$strata" source freshness >/dev/null 2>&1
"$strata" ls -s source_status:fresher+ --state prod-state >"$work/out" 2>&1
check "source_status:fresher+ picks the source with new data" grep -qx "source:df.app.events" "$work/out"
check "  and its downstream model" grep -qx "df.uses_events" "$work/out"

finish
