{#- The epoch second before which movie_similarity's ratings were given: the first day of
    the month of the newest rating ('previous_months'), or just after the newest rating
    ('all'). An SQL expression over fct_ratings. -#}
{% macro similarity_cutoff() -%}
    {%- if var('similarity_trained_on') == 'all' -%}
    (select coalesce(max(rated_at_epoch), 0) + 1 from {{ ref('fct_ratings') }})
    {%- else -%}
    (select cast(epoch(date_trunc('month', {{ epoch_to_timestamp('coalesce(max(rated_at_epoch), 0)') }})) as bigint) from {{ ref('fct_ratings') }})
    {%- endif -%}
{%- endmacro %}
