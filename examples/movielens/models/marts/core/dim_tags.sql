{{
    config(
        materialized='incremental',
        unique_key='tag_normalised',
        incremental_strategy='delete+insert',
        on_schema_change='fail'
    )
}}
-- One row per normalised tag. display_tag is the spelling users typed most often.
-- From the tag applications (fct_movie_tags). Incremental: a run recounts the tags
-- applied since the newest application here (distinct counts and the favourite spelling
-- do not add up), from their applications.
with applications as materialized (
    select t.*
    from {{ ref('fct_movie_tags') }} as t
    {%- if is_incremental() %}
    where t.tag_normalised in (
        select tag_normalised from {{ ref('fct_movie_tags') }}
        where tagged_at > '{{ state_watermark('last_used_at', "timestamp '1900-01-01'") }}'::timestamp
    )
    {%- endif %}
),

spellings as (
    select tag_normalised, tag, count(*) as uses
    from applications
    group by tag_normalised, tag
),

display as (
    select tag_normalised, tag as display_tag
    from spellings
    {{ top_n_per_group('tag_normalised', 'uses desc, tag', 1) }}
),

totals as (
    select tag_normalised, count(*) as applications, min(tagged_at) as first_used_at, max(tagged_at) as last_used_at
    from applications
    group by tag_normalised
),

-- distinct taggers and movies per tag as counts of distinct pairs: two plain group-bys are
-- cheaper in DuckDB than count(distinct) per group (0.3 -> 0.2 s at 20M ratings' tags)
taggers as (
    select tag_normalised, count(*) as taggers
    from (select distinct tag_normalised, user_id from applications)
    group by tag_normalised
),

movies as (
    select tag_normalised, count(*) as movies_tagged
    from (select distinct tag_normalised, movie_id from applications)
    group by tag_normalised
)

select
    md5(t.tag_normalised)        as tag_key,
    t.tag_normalised,
    d.display_tag,
    t.applications,
    u.taggers,
    m.movies_tagged,
    t.first_used_at,
    t.last_used_at
from totals as t
join display as d using (tag_normalised)
join taggers as u using (tag_normalised)
join movies as m using (tag_normalised)
