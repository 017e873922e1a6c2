{#- expr1 = expr2. With dbt's behaviour flag enable_truthy_nulls_equals_macro on, two nulls
    also count as equal; strata has no behaviour flags yet, so the flag is off (dbt's
    default) unless an adapter.behavior object provides it. -#}
{% macro equals(expr1, expr2) -%}
  {{ return(adapter.dispatch('equals', 'dbt')(expr1, expr2)) }}
{%- endmacro %}

{% macro default__equals(expr1, expr2) -%}
    {%- set behavior = adapter.behavior if adapter.behavior is defined else none -%}
    {%- if behavior and behavior.enable_truthy_nulls_equals_macro -%}
    (({{ expr1 }} = {{ expr2 }}) or ({{ expr1 }} is null and {{ expr2 }} is null))
    {%- else -%}
    ({{ expr1 }} = {{ expr2 }})
    {%- endif -%}
{%- endmacro %}
