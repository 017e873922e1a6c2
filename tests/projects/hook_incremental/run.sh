#!/usr/bin/env bash
# Regression: hooks of an incremental model must see the run's is_incremental(), as dbt
# renders them in the model's runtime context (a post-hook such as
# "{% if is_incremental() %}delete from {{ this }} where n = 0{% endif %}" never ran:
# hooks were rendered with is_incremental() = false).
set -uo pipefail
STRATA=$(realpath "$1")
DIR=$(mktemp -d /tmp/strata-hook-incremental.XXXXXX)
trap 'rm -rf "$DIR"' EXIT
mkdir -p "$DIR/models"
printf 'name: h\nversion: "1"\nconfig-version: 2\nprofile: h\n' > "$DIR/dbt_project.yml"
printf 'h:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: h.duckdb\n      threads: 1\n' > "$DIR/profiles.yml"
cat > "$DIR/models/m.sql" <<'SQL'
{{ config(materialized='incremental',
          pre_hook="insert into main.hook_log select 'pre', {{ 'true' if is_incremental() else 'false' }}",
          post_hook="{% if is_incremental() %}delete from {{ this }} where n = 0{% endif %}") }}
select {{ '0' if is_incremental() else '1' }} as n
SQL
run() { "$STRATA" run --project-dir "$DIR" --profiles-dir "$DIR" "$@" >"$DIR/out.log" 2>&1 || { cat "$DIR/out.log"; echo "FAIL: strata run $*"; exit 1; }; }
"$STRATA" sql -d "$DIR/h.duckdb" "create table main.hook_log (phase varchar, incremental boolean)" >/dev/null
run                 # first run: a table, hooks see is_incremental() = false
run                 # incremental: appends n = 0, which the post-hook deletes
run --full-refresh  # rebuilt: false again
got=$("$STRATA" sql -d "$DIR/h.duckdb" -f csv "select string_agg(cast(incremental as varchar), ',' order by rowid) from main.hook_log" | tail -1 | tr -d "\"")
rows=$("$STRATA" sql -d "$DIR/h.duckdb" -f csv "select string_agg(cast(n as varchar), ',') from main.m" | tail -1 | tr -d "\"")
if [[ "$got" != "false,true,false" ]]; then echo "FAIL: pre-hooks saw is_incremental() = $got (want false,true,false)"; exit 1; fi
if [[ "$rows" != "1" ]]; then echo "FAIL: the post-hook did not delete the incremental row: m has $rows"; exit 1; fi
echo "ok: hooks render with the run's is_incremental()"
