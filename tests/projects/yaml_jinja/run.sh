#!/usr/bin/env bash
# Jinja in YAML values is rendered when the project is parsed, as dbt renders
# dbt_project.yml and properties files: configs from var(), env_var() and target, a test's
# where and severity, a source's schema; hooks stay as written until they run (they use
# `this`); an error inside such a value points at the YAML line.
set -uo pipefail
STRATA=$(realpath "$1")
DIR=$(mktemp -d /tmp/strata-yaml-jinja.XXXXXX)
trap 'rm -rf "$DIR"' EXIT
failed=0
check() {  # check NAME EXPECTED ACTUAL
  if [[ "$2" == "$3" ]]; then echo "ok: $1"; else
    failed=1; echo "FAIL: $1"; echo "  expected: $2"; echo "  actual:   $3"; fi
}
mkdir -p "$DIR/models"
cat > "$DIR/dbt_project.yml" <<'YAML'
name: j
version: "1"
config-version: 2
profile: j
vars:
  min_id: 2
models:
  j:
    +tags: ["{{ env_var('JINJA_TAG', 'nightly') }}"]
    +post-hook: "insert into main.hook_log select '{{ this.identifier }}'"
on-run-start: "create table if not exists main.hook_log (model varchar)"
YAML
printf 'j:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: j.duckdb\n      threads: 1\n' > "$DIR/profiles.yml"
echo "select * from (values (1), (2), (3)) t(id)" > "$DIR/models/numbers.sql"
echo "select * from {{ source('raw', 'things') }}" > "$DIR/models/things.sql"
cat > "$DIR/models/schema.yml" <<'YAML'
version: 2
sources:
  - name: raw
    schema: "{{ env_var('JINJA_RAW_SCHEMA', 'main') }}"
    tables:
      - name: things
        tags: ["{{ target.name }}_raw"]
unit_tests:
  - name: numbers_in_prod_only
    model: numbers
    config: {enabled: "{{ target.name == 'prod' }}"}
    given: []
    expect: {rows: [{id: 1}, {id: 2}, {id: 3}]}
exposures:
  - name: board
    type: dashboard
    url: "https://bi.example/{{ target.name }}/board"
    owner: {name: "{{ env_var('JINJA_TAG') }} team"}
    depends_on: [ref('numbers')]
models:
  - name: numbers
    config:
      materialized: "{{ 'table' if target.name == 'dev' else 'view' }}"
    columns:
      - name: id
        meta: {owner: "{{ env_var('JINJA_TAG') }}"}
        data_tests:
          - accepted_values:
              arguments: {values: [2, 3]}
              config:
                where: "id >= {{ var('min_id') }}"
          - not_null:
              config:
                severity: "{{ 'warn' if target.name == 'dev' else 'error' }}"
                where: "id > {{ var('min_id') + 10 }}"
YAML
# A local package renders its own dbt_project.yml with its own vars.
mkdir -p "$DIR/pkg/models"
cat > "$DIR/pkg/dbt_project.yml" <<'YAML'
name: pkg
version: "1"
config-version: 2
vars:
  pkg_schema: pkgs
models:
  pkg:
    +schema: "{{ var('pkg_schema') }}"
YAML
echo "select 7 as seven" > "$DIR/pkg/models/pkg_model.sql"
printf 'packages:\n  - local: pkg\n' > "$DIR/packages.yml"
"$STRATA" --no-color deps --project-dir "$DIR" >/dev/null 2>&1 || { echo "FAIL: strata deps"; failed=1; }
q() { "$STRATA" --no-color sql -d "$DIR/j.duckdb" --format csv "$1" 2>&1 | tail -n +2; }
q "create schema if not exists landing; create table landing.things as select 42 as n" >/dev/null
export JINJA_RAW_SCHEMA=landing JINJA_TAG=daily
out=$("$STRATA" --no-color build --project-dir "$DIR" --profiles-dir "$DIR" 2>&1)
check "build passes" "0" "$?"
manifest() { python3 -c "import json,sys; m=json.load(open('$DIR/target/manifest.json')); print(eval(sys.argv[1]))" "$1"; }
check "materialized from target" "table" "$(manifest "m['nodes']['model.j.numbers']['config']['materialized']")"
check "tags from env_var in dbt_project.yml" "['daily']" "$(manifest "m['nodes']['model.j.numbers']['tags']")"
check "source schema from env_var" "landing" "$(manifest "m['sources']['source.j.raw.things']['schema']")"
check "source tags from target" "['dev_raw']" "$(manifest "m['sources']['source.j.raw.things']['tags']")"
check "where from var" "id >= 2" \
  "$(manifest "[n['config']['where'] for n in m['nodes'].values() if n['name'].startswith('accepted_values')][0]")"
check "a unit test disabled by a target test in its config" "False 0" \
  "$(manifest "'unit_test.j.numbers.numbers_in_prod_only' in m['unit_tests']") $(grep -c numbers_in_prod_only <<<"$out")"
check "exposure url and owner" "https://bi.example/dev/board|daily team" \
  "$(manifest "m['exposures']['exposure.j.board']['url'] + '|' + m['exposures']['exposure.j.board']['owner']['name']")"
check "a package's config tree with the package's own var" "main_pkgs" "$(manifest "m['nodes']['model.pkg.pkg_model']['schema']")"
check "column meta from env_var" "daily" "$(manifest "m['nodes']['model.j.numbers']['columns']['id']['meta']['owner']")"
check "severity from target" "warn" \
  "$(manifest "[n['config']['severity'] for n in m['nodes'].values() if n['name'].startswith('not_null')][0]")"
check "the source's rows through the rendered schema" "42" "$(q 'select n from main.things')"
check "the table materialization" "BASE TABLE" "$(q "select table_type from information_schema.tables where table_name = 'numbers'")"
check "hooks rendered when they run" "numbers|things" "$(q "select string_agg(model, '|' order by model) from main.hook_log")"
check "the rendered where filters the test" "1" "$(grep -c 'PASS accepted_values_numbers_id' <<<"$out")"

# A changed env var changes the parse: no stale cached configs.
JINJA_TAG=hourly "$STRATA" --no-color parse --project-dir "$DIR" --profiles-dir "$DIR" >/dev/null 2>&1
check "an env var read by YAML invalidates the parse cache" "['hourly']" "$(manifest "m['nodes']['model.j.numbers']['tags']")"

# A partial re-parse of a properties file that now reads a new env var records it too.
sed -i "s/meta: {owner: \"{{ env_var('JINJA_TAG') }}\"}/meta: {owner: \"{{ env_var('JINJA_OWNER', 'nobody') }}\"}/" "$DIR/models/schema.yml"
JINJA_OWNER=ann "$STRATA" --no-color parse --project-dir "$DIR" --profiles-dir "$DIR" >"$DIR/parse1.out" 2>&1
check "the edited properties file is re-parsed" "ann" "$(manifest "m['nodes']['model.j.numbers']['columns']['id']['meta']['owner']")"
JINJA_OWNER=bob "$STRATA" --no-color parse --project-dir "$DIR" --profiles-dir "$DIR" >/dev/null 2>&1
check "its new env var invalidates the parse cache" "bob" "$(manifest "m['nodes']['model.j.numbers']['columns']['id']['meta']['owner']")"

# An error inside a YAML value names the YAML file, line and column.
sed -i "s/var('min_id') }}\"/var('no_such_var') }}\"/" "$DIR/models/schema.yml"
err=$("$STRATA" --no-color parse --project-dir "$DIR" --profiles-dir "$DIR" 2>&1)
check "an error in a YAML value stops the parse" "1" "$?"
check "the error points into the YAML value" "1" "$(grep -c "models/schema.yml:31:[0-9]*: error: .*no_such_var" <<<"$err")"
check "with the YAML line shown" "1" "$(grep -c "where: \"id >= {{ var('no_such_var') }}\"" <<<"$err")"
[[ $failed == 0 ]] || { echo "$out"; echo "$err"; }
exit $failed
