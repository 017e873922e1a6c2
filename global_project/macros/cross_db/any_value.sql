{#- Some value of the group. DuckDB's arbitrary() is what dbt-duckdb uses. -#}
{% macro any_value(expression) -%}
  {{ return(adapter.dispatch('any_value', 'dbt')(expression)) }}
{%- endmacro %}

{% macro default__any_value(expression) -%}
    any_value({{ expression }})
{%- endmacro %}

{% macro duckdb__any_value(expression) -%}
    arbitrary({{ expression }})
{%- endmacro %}
