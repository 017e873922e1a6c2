{{
    config(
        materialized='incremental',
        unique_key=['tag_normalised', 'movie_id'],
        incremental_strategy='delete+insert',
        on_schema_change='fail'
    )
}}
-- Distinct (normalised tag, movie) pairs with how often and by whom the tag was applied.
-- From the tag applications (fct_movie_tags). Incremental: tags are only ever appended,
-- so a run recounts the (tag, movie) pairs that received an application since the newest
-- one here, from their applications (distinct taggers do not add up).
{%- if is_incremental() %}
with touched as (
    select distinct tag_normalised, movie_id
    from {{ ref('fct_movie_tags') }}
    where tagged_at > '{{ state_watermark('last_tagged_at', "timestamp '1900-01-01'") }}'::timestamp
)
{%- endif %}

select
    t.tag_normalised,
    t.movie_id,
    count(*)                  as applications,
    count(distinct t.user_id) as taggers,
    min(t.tagged_at)          as first_tagged_at,
    max(t.tagged_at)          as last_tagged_at
from {{ ref('fct_movie_tags') }} as t
{%- if is_incremental() %}
semi join touched as k on k.tag_normalised = t.tag_normalised and k.movie_id = t.movie_id
{%- endif %}
group by t.tag_normalised, t.movie_id
