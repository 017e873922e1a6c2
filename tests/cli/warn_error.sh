#!/usr/bin/env bash
# --warn-error and --warn-error-options end to end, on real DuckDB: a data test that warns,
# a stale source, a selection that matches nothing and a project warning, each with the
# flags before and after the command.
source "$(dirname "$0")/../lib/check.sh" "$1"
status_of() {  # status_of FILE UNIQUE_ID_PREFIX: the status in run_results.json / sources.json
  /usr/bin/python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    if r["unique_id"].startswith(sys.argv[2]): print(r["status"])' "$1" "$2"
}

p=$work/p
mkdir -p "$p/models"
cat >"$p/dbt_project.yml" <<'YML'
name: we
version: '1.0'
profile: we
YML
cat >"$p/profiles.yml" <<'YML'
we:
  target: dev
  outputs:
    dev: {type: duckdb, path: we.duckdb}
YML
echo "select 1 as id union all select 1 as id" >"$p/models/dupes.sql"
echo "{{ config(materialized='table') }} select now() - interval 2 hour as loaded_at" >"$p/models/events.sql"
cat >"$p/models/schema.yml" <<'YML'
sources:
  - name: app
    schema: main
    tables:
      - name: events
        loaded_at_field: loaded_at
        freshness: {warn_after: {count: 1, period: hour}, error_after: {count: 1, period: day}}
models:
  - name: dupes
    columns:
      - name: id
        data_tests:
          - unique:
              config: {severity: warn}
YML
cd "$p" || exit 1

"$strata" build >"$work/out" 2>&1; rc=$?
check "a warning test leaves build at exit 0" test $rc -eq 0
check "the test's status is warn" test "$(status_of target/run_results.json test.we.unique_dupes_id)" = warn

"$strata" build --warn-error >"$work/out" 2>&1; rc=$?
check "--warn-error after the command: exit 1" test $rc -eq 1
check "--warn-error: the test's status is fail" test "$(status_of target/run_results.json test.we.unique_dupes_id)" = fail
check "--warn-error: the message says why" grep -q 'configured to warn if != 0 (an error under --warn-error)' "$work/out"

"$strata" --warn-error-options '{error: [LogTestResult]}' build >/dev/null 2>&1; rc=$?
check "error list naming LogTestResult: exit 1" test $rc -eq 1
"$strata" --warn-error-options '{error: all, warn: [LogTestResult]}' build >/dev/null 2>&1; rc=$?
check "error all but warn LogTestResult: exit 0" test $rc -eq 0

"$strata" source freshness >"$work/out" 2>&1; rc=$?
check "a source past warn_after: exit 0" test $rc -eq 0
check "its status is warn" test "$(status_of target/sources.json source.we.app.events)" = warn
"$strata" source freshness --warn-error >"$work/out" 2>&1; rc=$?
check "--warn-error: a source past warn_after fails" test $rc -eq 1
check "--warn-error: its status is error" test "$(status_of target/sources.json source.we.app.events)" = error

"$strata" build -s tag:nothing >"$work/out" 2>&1; rc=$?
check "a selection matching nothing: exit 0" test $rc -eq 0
check "  and a warning" grep -q "warning: The selection criterion 'tag:nothing' does not match any enabled nodes" "$work/out"
for command in build compile ls; do
  "$strata" $command -s tag:nothing --warn-error-options '{error: [NoNodesForSelectionCriteria]}' >"$work/out" 2>&1; rc=$?
  check "$command: NoNodesForSelectionCriteria as an error: exit 1" test $rc -eq 1
  check "$command:   printed as an error" grep -q "error: The selection criterion 'tag:nothing' does not match" "$work/out"
done
"$strata" ls -s tag:nothing --warn-error-options '{silence: [NoNodesForSelectionCriteria]}' >"$work/out" 2>&1; rc=$?
check "silenced: exit 0" test $rc -eq 0
check "silenced: nothing printed about it" bash -c "! grep -q 'selection criterion' '$work/out'"

cat >models/careful.sql <<'SQL'
{% if execute %}{% do exceptions.warn("rows may be late") %}{% endif %}
select 1 as id
SQL
"$strata" run -s careful >"$work/out" 2>&1; rc=$?
check "exceptions.warn during run: exit 0" test $rc -eq 0
check "  printed with its location" grep -q "models/careful.sql:1:.*warning: rows may be late" "$work/out"
"$strata" run -s careful --warn-error >"$work/out" 2>&1; rc=$?
check "exceptions.warn during run under --warn-error: exit 1" test $rc -eq 1
check "  the model errors" test "$(status_of target/run_results.json model.we.careful)" = error
check "  with the warning's text" grep -q "rows may be late" "$work/out"
"$strata" compile -s careful >"$work/out" 2>&1; rc=$?
check "exceptions.warn during compile: printed" grep -q "warning: rows may be late" "$work/out"
"$strata" compile -s careful >"$work/out" 2>&1; rc=$?
check "  and printed again by the next compile (never reused silently)" grep -q "warning: rows may be late" "$work/out"
rm models/careful.sql

echo "bogus_key: 1" >>dbt_project.yml
"$strata" parse >"$work/out" 2>&1; rc=$?
check "a project warning: parse exit 0" test $rc -eq 0
"$strata" parse --warn-error >"$work/out" 2>&1; rc=$?
check "a project warning under --warn-error: parse exit 1" test $rc -eq 1
check "  with its location" grep -q "dbt_project.yml:4:1: error: unknown key 'bogus_key' in dbt_project.yml is ignored" "$work/out"
check "  and the summary" grep -q "1 warning was treated as an error (--warn-error); nothing was run" "$work/out"
DBT_WARN_ERROR=true "$strata" parse >/dev/null 2>&1; rc=$?
check "DBT_WARN_ERROR=true: parse exit 1" test $rc -eq 1

sed -i '/bogus_key/d' dbt_project.yml
printf 'flags:\n  warn_error_options:\n    error: [LogTestResult]\n' >>dbt_project.yml
"$strata" build -s dupes >"$work/out" 2>&1; rc=$?
check "flags.warn_error_options in dbt_project.yml: the warning test fails" test $rc -eq 1
"$strata" build -s dupes --warn-error-options '{warn: [LogTestResult]}' >"$work/out" 2>&1; rc=$?
check "  the command line wins over the project's flags" test $rc -eq 0
printf 'flags:\n  warn_error_options:\n    error: allx\n' >"$work/flags" && sed -i '/^flags:/,$d' dbt_project.yml && cat "$work/flags" >>dbt_project.yml
"$strata" parse >"$work/out" 2>&1; rc=$?
check "bad project flags: an error naming them" grep -q "dbt_project.yml flags.warn_error_options:1:.*error: 'error' must be a list" "$work/out"
sed -i '/^flags:/,$d' dbt_project.yml

"$strata" --warn-error --warn-error-options '{error: all}' parse >"$work/out" 2>&1; rc=$?
check "both flags: usage error" test $rc -eq 2
"$strata" parse --warn-error-options '{errors: all}' >"$work/out" 2>&1; rc=$?
check "bad options: usage error" test $rc -eq 2
check "bad options: located in the option text" grep -q "^--warn-error-options:1:2: error: unknown key 'errors'" "$work/out"

finish
