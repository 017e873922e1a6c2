#!/usr/bin/env bash
# build --resource-type / --exclude-resource-type on real DuckDB: which nodes run.
source "$(dirname "$0")/../lib/check.sh" "$1"
ran() {  # the resource types of run_results.json's nodes, sorted and unique
  /usr/bin/python3 -c '
import json
print(" ".join(sorted({r["unique_id"].split(".")[0] for r in json.load(open("target/run_results.json"))["results"]})))'
}

mkdir -p "$work/p/models" "$work/p/seeds" && cd "$work/p" || exit 1
printf 'name: rt\nversion: "1.0"\nprofile: rt\n' >dbt_project.yml
printf 'rt:\n  target: dev\n  outputs:\n    dev: {type: duckdb, path: rt.duckdb}\n' >profiles.yml
printf 'id\n1\n2\n' >seeds/ids.csv
echo "select * from {{ ref('ids') }}" >models/m.sql
printf 'models:\n  - name: m\n    columns:\n      - name: id\n        data_tests: [unique]\n' >models/schema.yml

"$strata" build >/dev/null 2>&1
check "build: every type" test "$(ran)" = "model seed test"
"$strata" build --resource-type model >/dev/null 2>&1
check "--resource-type model" test "$(ran)" = "model"
"$strata" build --resource-type seed --resource-type test >/dev/null 2>&1
check "--resource-type seed --resource-type test" test "$(ran)" = "seed test"
"$strata" build --exclude-resource-type test >/dev/null 2>&1
check "--exclude-resource-type test" test "$(ran)" = "model seed"
check "  recorded in run_results args" /usr/bin/python3 -c '
import json; assert json.load(open("target/run_results.json"))["args"]["exclude_resource_types"] == ["test"]'
"$strata" build --resource-type tabel >"$work/out" 2>&1; rc=$?
check "an unknown type: usage error" test $rc -eq 2
check "  naming it" grep -q "unknown resource type 'tabel'" "$work/out"
"$strata" build --resource-type source >"$work/out" 2>&1; rc=$?
check "a type build does not run: nothing to do, exit 0" test $rc -eq 0
finish
