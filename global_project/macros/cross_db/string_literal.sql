{#- A Jinja value as a SQL string literal (dbt does not escape it: callers use
    escape_single_quotes when the value may hold quotes). -#}
{% macro string_literal(value) -%}
  {{ return(adapter.dispatch('string_literal', 'dbt')(value)) }}
{%- endmacro %}

{% macro default__string_literal(value) -%}
    '{{ value }}'
{%- endmacro %}
