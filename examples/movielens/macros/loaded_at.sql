{#- Audit column of the ratings fact: when the build that wrote a row started (dbt's
    run_started_at, UTC). A batch's rows share one value and sit together at the end of
    the table, so a filter on the newest value skips every older row group by its min/max
    (the tests' latest_load marker: macros/tests/get_where_subquery.sql). -#}
{% macro loaded_at() -%}
    cast('{{ run_started_at }}' as timestamp) as loaded_at
{%- endmacro %}

{#- Pre-hook: a table built before the column existed gets it (null in its old rows), so an
    incremental run can write it instead of failing on the insert. -#}
{% macro add_loaded_at_column() -%}
{% if is_incremental() %}alter table {{ this }} add column if not exists loaded_at timestamp{% endif %}
{%- endmacro %}
