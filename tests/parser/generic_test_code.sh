#!/usr/bin/env bash
# `strata parse` skips parsing a built-in generic test's generated code when it surely
# parses; code that does not parse must still fail with the same error as `strata compile`.
set -u
strata=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/models"
cd "$work"
printf 'name: p\nprofile: p\n' >dbt_project.yml
printf 'p:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ":memory:"\n' >profiles.yml
echo "select 1 as id, 'a' as status" >models/a.sql
failures=0
check() {  # name, expected text in stderr (empty: must succeed), commands
  for cmd in $3; do
    rm -rf target
    "$strata" --no-color "$cmd" --project-dir . >out.txt 2>err.txt
    rc=$?
    if [[ -z $2 && $rc != 0 ]]; then echo "FAIL [$1] $cmd failed:"; cat err.txt; failures=$((failures + 1)); fi
    if [[ -n $2 ]] && { [[ $rc == 0 ]] || ! grep -qF "$2" err.txt; }; then
      echo "FAIL [$1] $cmd: expected '$2', got rc $rc:"; cat err.txt; failures=$((failures + 1))
    fi
  done
}
cat >models/s.yml <<'YAML'
version: 2
models:
  - name: a
    columns:
      - name: id
        data_tests:
          - not_null:
              "my key": 1
YAML
check "argument name with a space" "models/s.yml:1:54: error: invalid syntax for function call expression" "parse compile"
cat >models/s.yml <<'YAML'
version: 2
models:
  - name: a
    columns:
      - name: status
        data_tests:
          - accepted_values:
              values: ["a}}b", "it's", 'x"y', 1.5, "ref('a')", "{% raw %}"]
          - not_null:
              in: 1
          - unique:
              config:
                where: "id > 0"
YAML
# (compile would reject not_null's unknown `in` argument: a render error, not a syntax one)
check "awkward literals" "" "parse"
[[ -f target/manifest.json ]] && grep -q '"accepted_values"' target/manifest.json || { echo "FAIL no manifest"; failures=$((failures + 1)); }
[[ $failures == 0 ]] && echo "ok" || exit 1
