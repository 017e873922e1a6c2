#!/usr/bin/env bash
# dbt's custom incremental strategies: incremental_strategy: <name> runs the project's
# macro get_incremental_<name>_sql(arg_dict) (target_relation, temp_relation, unique_key,
# dest_columns, incremental_predicates) on the staged rows. Here a strategy that deletes
# the rows the staged query names by rowid and inserts the others; an unknown strategy
# stays a config error that names the macro to write.
set -uo pipefail
STRATA=$(realpath "$1")
DIR=$(mktemp -d /tmp/strata-custom-strategy.XXXXXX)
trap 'rm -rf "$DIR"' EXIT
mkdir -p "$DIR/models" "$DIR/macros"
printf 'name: c\nversion: "1"\nconfig-version: 2\nprofile: c\n' > "$DIR/dbt_project.yml"
printf 'c:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: c.duckdb\n      threads: 1\n' > "$DIR/profiles.yml"
cat > "$DIR/macros/strategy.sql" <<'SQL'
{% macro get_incremental_replace_by_rowid_sql(arg_dict) %}
{%- set cols = arg_dict['dest_columns'] | map(attribute='quoted') | join(', ') -%}
insert into main.strategy_log select '{{ arg_dict["unique_key"] }}', '{{ cols }}', '{{ arg_dict["temp_relation"] }}';
delete from {{ arg_dict['target_relation'] }}
where rowid in (select replaced_rowid from {{ arg_dict['temp_relation'] }} where replaced_rowid is not null);
insert into {{ arg_dict['target_relation'] }} ({{ cols }})
select {{ cols }} from {{ arg_dict['temp_relation'] }}
{% endmacro %}
SQL
cat > "$DIR/models/m.sql" <<'SQL'
{{ config(materialized='incremental', incremental_strategy='replace_by_rowid', unique_key='id', on_schema_change='ignore') }}
{% if is_incremental() %}
select s.id, s.v, o.rowid as replaced_rowid
from main.src as s left join {{ this }} as o using (id)
where s.id >= 2
{% else %}
select id, v from main.src
{% endif %}
SQL
fail() { echo "FAIL: $*"; cat "$DIR/out.log"; exit 1; }
run() { "$STRATA" run --project-dir "$DIR" --profiles-dir "$DIR" "$@" >"$DIR/out.log" 2>&1; }
q() { "$STRATA" sql -d "$DIR/c.duckdb" -f csv "$1" | tail -1 | tr -d '"'; }
"$STRATA" sql -d "$DIR/c.duckdb" "create table main.src as select * from (values (1, 'a'), (2, 'b')) t(id, v); create table main.strategy_log (unique_key varchar, cols varchar, temp varchar)" >/dev/null
run || fail "first run"
"$STRATA" sql -d "$DIR/c.duckdb" "update main.src set v = 'b2' where id = 2; insert into main.src values (3, 'c')" >/dev/null
run || fail "incremental run with the custom strategy"
[[ $(q "select string_agg(id || v, ',' order by id) from main.m") == "1a,2b2,3c" ]] || fail "rows: $(q "select string_agg(id || v, ',' order by id) from main.m") (want 1a,2b2,3c)"
[[ $(q "select count(*) from main.m") == "3" ]] || fail "the replaced row was not deleted"
log=$(q "select unique_key || '|' || cols || '|' || temp from main.strategy_log")
[[ "$log" == 'id|id, v|temp.main.m__strata_tmp' ]] || fail "arg_dict: $log"  # q strips the quotes
# without the macro: a config error naming it
sed -i 's/replace_by_rowid/no_such_strategy/' "$DIR/models/m.sql"
run && fail "an unknown strategy ran"
grep -q "get_incremental_no_such_strategy_sql" "$DIR/out.log" || fail "the error does not name the macro to define"
echo "ok: custom incremental strategy"
