{#- Aggregates measure into one string joined by delimiter_text (a SQL expression, "','" by
    default), optionally ordered by order_by_clause ("order by x") and limited to the first
    limit_num values. Nulls are skipped, as string_agg does; the limit counts only kept
    values. -#}
{% macro listagg(measure, delimiter_text="','", order_by_clause=none, limit_num=none) -%}
  {{ return(adapter.dispatch('listagg', 'dbt')(measure, delimiter_text, order_by_clause, limit_num)) }}
{%- endmacro %}

{% macro default__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {%- if limit_num -%}
    array_to_string(
        array_slice(
            array_agg({{ measure }}){% if order_by_clause %} within group ({{ order_by_clause }}){% endif %},
            0,
            {{ limit_num }}
        ),
        {{ delimiter_text }}
    )
    {%- else -%}
    listagg({{ measure }}, {{ delimiter_text }}){% if order_by_clause %} within group ({{ order_by_clause }}){% endif %}
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {%- if limit_num -%}
    array_to_string(
        (list({{ measure }}{% if order_by_clause %} {{ order_by_clause }}{% endif %}) filter (where {{ measure }} is not null))[1:{{ limit_num }}],
        {{ delimiter_text }}
    )
    {%- else -%}
    string_agg({{ measure }}, {{ delimiter_text }}{% if order_by_clause %} {{ order_by_clause }}{% endif %})
    {%- endif -%}
{%- endmacro %}
