{#- generate_series(upper_bound): a query with one column, generated_number, holding 1 ..
    upper_bound. On DuckDB upper_bound may be any integer SQL expression (including a
    scalar subquery); the portable default needs a number known at compile time. -#}
{% macro get_powers_of_two(upper_bound) -%}
  {{ return(adapter.dispatch('get_powers_of_two', 'dbt')(upper_bound)) }}
{%- endmacro %}

{#- The smallest n with 2**n >= upper_bound (at least 1). -#}
{% macro default__get_powers_of_two(upper_bound) -%}
    {%- if upper_bound is not number -%}
        {{ exceptions.raise_compiler_error("get_powers_of_two needs a number, got '" ~ upper_bound ~ "'") }}
    {%- endif -%}
    {%- if upper_bound <= 0 -%}
        {{ exceptions.raise_compiler_error("upper bound must be positive") }}
    {%- endif -%}
    {%- for n in range(1, 100) -%}
        {%- if upper_bound <= 2 ** n -%}{{ return(n) }}{%- endif -%}
    {%- endfor -%}
    {{ return(100) }}
{%- endmacro %}

{% macro generate_series(upper_bound) -%}
  {{ return(adapter.dispatch('generate_series', 'dbt')(upper_bound)) }}
{%- endmacro %}

{#- Cross joins of {0, 1}: bit i of generated_number - 1 comes from copy i (the powers
    of two are integer constants, so generated_number stays an integer). -#}
{% macro default__generate_series(upper_bound) -%}
    {%- set n = dbt.get_powers_of_two(upper_bound) -%}
    with p as (
        select 0 as generated_number union all select 1
    ), unioned as (
        select
        {% for i in range(n) -%}
            p{{ i }}.generated_number * {{ 2 ** i }}{% if not loop.last %} + {% endif %}
        {% endfor -%}
            + 1 as generated_number
        from
        {% for i in range(n) -%}
            p as p{{ i }}{% if not loop.last %} cross join {% endif %}
        {% endfor %}
    )
    select *
    from unioned
    where generated_number <= {{ upper_bound }}
    order by generated_number
{%- endmacro %}

{% macro duckdb__generate_series(upper_bound) -%}
    select unnest(generate_series(1, cast(({{ upper_bound }}) as bigint))) as generated_number
{%- endmacro %}
