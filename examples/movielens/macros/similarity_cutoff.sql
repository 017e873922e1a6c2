{#- The epoch second before which movie_similarity's ratings were given: the first day of
    the month of the newest rating ('previous_months'), or just after the newest rating
    ('all'). An SQL expression over fct_ratings; the newest rating is read as a top 1, which
    DuckDB answers from a few row groups, where max() reads the whole column (0.33 CPU-s at
    20M ratings). -#}
{% macro similarity_cutoff() -%}
    {%- set newest -%}
        coalesce((select rated_at_epoch from {{ ref('fct_ratings') }} where rated_at_epoch is not null
                  order by rated_at_epoch desc limit 1), 0)
    {%- endset -%}
    {%- if var('similarity_trained_on') == 'all' -%}
    ({{ newest }} + 1)
    {%- else -%}
    cast(epoch(date_trunc('month', {{ epoch_to_timestamp(newest) }})) as bigint)
    {%- endif -%}
{%- endmacro %}
