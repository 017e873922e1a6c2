{#- date_spine(datepart, start_date, end_date): one row per datepart from start_date
    (included) up to end_date (excluded), in a column named date_<datepart>.
    start_date and end_date are SQL expressions. -#}

{#- How many dateparts lie between two dates. dbt runs a query for this at compile time;
    strata hands the same datediff expression to the SQL instead, so no query is needed
    and the count is computed when the model runs. -#}
{% macro get_intervals_between(start_date, end_date, datepart) -%}
  {{ return(adapter.dispatch('get_intervals_between', 'dbt')(start_date, end_date, datepart)) }}
{%- endmacro %}

{% macro default__get_intervals_between(start_date, end_date, datepart) -%}
  {{ return('(' ~ dbt.datediff(start_date, end_date, datepart) | trim ~ ')') }}
{%- endmacro %}

{% macro date_spine(datepart, start_date, end_date) -%}
  {{ return(adapter.dispatch('date_spine', 'dbt')(datepart, start_date, end_date)) }}
{%- endmacro %}

{% macro default__date_spine(datepart, start_date, end_date) %}
    with rawdata as (
        {{ dbt.generate_series(dbt.get_intervals_between(start_date, end_date, datepart)) }}
    ),

    all_periods as (
        select (
            {{ dbt.dateadd(datepart, "row_number() over (order by generated_number) - 1", start_date) }}
        ) as date_{{ datepart }}
        from rawdata
    ),

    filtered as (
        select *
        from all_periods
        where date_{{ datepart }} <= {{ end_date }}
    )

    select * from filtered
{% endmacro %}
