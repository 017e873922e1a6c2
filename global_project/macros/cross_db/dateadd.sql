{#- Adds `interval` dateparts to a date or timestamp. On DuckDB the result is a timestamp
    (date + interval), as with dbt-duckdb; `interval` may be any integer SQL expression. -#}
{% macro dateadd(datepart, interval, from_date_or_timestamp) -%}
  {{ return(adapter.dispatch('dateadd', 'dbt')(datepart, interval, from_date_or_timestamp)) }}
{%- endmacro %}

{% macro default__dateadd(datepart, interval, from_date_or_timestamp) -%}
    dateadd({{ datepart }}, {{ interval }}, {{ from_date_or_timestamp }})
{%- endmacro %}

{% macro duckdb__dateadd(datepart, interval, from_date_or_timestamp) -%}
    {%- set unit = _duckdb_interval_unit(datepart, 'dateadd') -%}
    ({{ from_date_or_timestamp }} + cast({{ interval }} as bigint) * interval 1 {{ unit }})
{%- endmacro %}

{#- The DuckDB interval unit for a datepart, or a compilation error naming the caller. -#}
{% macro _duckdb_interval_unit(datepart, caller_name) -%}
    {%- set unit = (datepart | string | trim | lower) -%}
    {%- set units = ['microsecond', 'millisecond', 'second', 'minute', 'hour', 'day', 'week',
                     'month', 'quarter', 'year', 'decade', 'century', 'millennium'] -%}
    {%- if unit.endswith('s') and unit[:-1] in units -%}
        {%- set unit = unit[:-1] -%}
    {%- endif -%}
    {%- if unit not in units -%}
        {{ exceptions.raise_compiler_error(caller_name ~ ": unsupported datepart '" ~ datepart ~ "' (use one of " ~ units | join(', ') ~ ")") }}
    {%- endif -%}
    {{ return(unit) }}
{%- endmacro %}
