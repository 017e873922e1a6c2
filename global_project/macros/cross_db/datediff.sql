{#- How many datepart boundaries lie between first_date and second_date (negative when
    second_date is earlier), as dbt-duckdb computes it: calendar boundaries for year,
    quarter, month, day, hour, ...; for week, Sunday-started weeks (Snowflake's and
    dbt's adapter tests' convention, not DuckDB's count of whole 7-day spans). -#}
{% macro datediff(first_date, second_date, datepart) -%}
  {{ return(adapter.dispatch('datediff', 'dbt')(first_date, second_date, datepart)) }}
{%- endmacro %}

{% macro default__datediff(first_date, second_date, datepart) -%}
    datediff({{ datepart }}, {{ first_date }}, {{ second_date }})
{%- endmacro %}

{% macro duckdb__datediff(first_date, second_date, datepart) -%}
    {%- set unit = _duckdb_interval_unit(datepart, 'datediff') -%}
    {%- if unit == 'week' -%}
    {#- Shifting by a day makes DuckDB's Monday weeks start on Sunday; the two week starts
        are a whole number of weeks apart. -#}
    (date_diff('day',
        date_trunc('week', cast({{ first_date }} as timestamp) + interval 1 day),
        date_trunc('week', cast({{ second_date }} as timestamp) + interval 1 day)) // 7)
    {%- else -%}
    date_diff('{{ unit }}', cast({{ first_date }} as timestamp), cast({{ second_date }} as timestamp))
    {%- endif -%}
{%- endmacro %}
