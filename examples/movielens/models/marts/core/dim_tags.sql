{{
    config(
        materialized='incremental',
        unique_key='tag_normalised',
        incremental_strategy='delete+insert',
        on_schema_change='fail'
    )
}}
-- One row per normalised tag. display_tag is the spelling users typed most often
-- (display_uses times; ties go to the first spelling in order). From the tag applications
-- (fct_movie_tags, an append-only stream).
--
-- Incremental: a tag applied since the newest application here is updated from the new
-- applications alone (the popular tags a batch touches hold nine tenths of all
-- applications, so recounting them cost as much as a full rebuild): counts add up; a
-- tagger or a movie adds one if the pair is new to the tag; the most used spelling is the
-- old one or one of the batch's, whose earlier uses are counted (a spelling the batch does
-- not use cannot have overtaken the old one). A full refresh is the same query from an
-- empty table: every application is new.
{%- set incremental = is_incremental() %}
{%- if incremental %}
{%- set watermark = state_watermark('last_used_at', "timestamp '1900-01-01'") %}
{%- endif %}
with new_applications as (
    select tag_normalised, tag, user_id, movie_id, tagged_at
    from {{ ref('fct_movie_tags') }}
    {%- if incremental %}
    where tagged_at > '{{ watermark }}'::timestamp
    {%- endif %}
),

-- read by three probes, each projecting what it needs (materialised, it cost more than
-- the rest of the model)
old_applications as not materialized (
    select tag_normalised, tag, user_id, movie_id
    from {{ ref('fct_movie_tags') }}
    {%- if incremental %}
    where tagged_at <= '{{ watermark }}'::timestamp
    {%- else %}
    where false
    {%- endif %}
),

old_tags as (
    {%- if incremental %}
    select tag_normalised, display_tag, display_uses, applications, taggers, movies_tagged, first_used_at
    from {{ this }}
    {%- else %}
    select
        cast(null as varchar) as tag_normalised, cast(null as varchar) as display_tag, cast(0 as bigint) as display_uses,
        cast(0 as bigint) as applications, cast(0 as bigint) as taggers, cast(0 as bigint) as movies_tagged,
        cast(null as timestamp) as first_used_at
    where false
    {%- endif %}
),

batch_spellings as (
    select tag_normalised, tag, count(*) as uses
    from new_applications
    group by tag_normalised, tag
),

spelling_uses as (
    select b.tag_normalised, b.tag, b.uses + coalesce(o.uses, 0) as uses
    from batch_spellings as b
    left join (
        select tag_normalised, tag, count(*) as uses
        from old_applications
        -- the spelling alone decides its normalised tag
        where tag in (select tag from batch_spellings)
        group by tag_normalised, tag
    ) as o using (tag_normalised, tag)
),

display as (
    select tag_normalised, tag as display_tag, uses as display_uses
    from (
        select tag_normalised, tag, uses from spelling_uses
        union all
        -- the old most used spelling, if the batch did not use it
        select d.tag_normalised, d.display_tag, d.display_uses
        from old_tags as d
        semi join batch_spellings as b using (tag_normalised)
        anti join spelling_uses as s on s.tag_normalised = d.tag_normalised and s.tag = d.display_tag
    )
    {{ top_n_per_group('tag_normalised', 'uses desc, tag', 1) }}
),

totals as (
    select tag_normalised, count(*) as applications, min(tagged_at) as first_used_at, max(tagged_at) as last_used_at
    from new_applications
    group by tag_normalised
),

-- distinct taggers and movies per tag as counts of distinct pairs (two plain group-bys are
-- cheaper in DuckDB than count(distinct) per group), of the pairs new to the tag
new_taggers as (
    select tag_normalised, count(*) as taggers
    from (select distinct tag_normalised, user_id from new_applications) as p
    anti join old_applications as o using (tag_normalised, user_id)
    group by tag_normalised
),

new_movies as (
    select tag_normalised, count(*) as movies_tagged
    from (select distinct tag_normalised, movie_id from new_applications) as p
    anti join old_applications as o using (tag_normalised, movie_id)
    group by tag_normalised
)

select
    md5(t.tag_normalised)                                 as tag_key,
    t.tag_normalised,
    d.display_tag,
    d.display_uses,
    coalesce(o.applications, 0) + t.applications          as applications,
    coalesce(o.taggers, 0) + coalesce(u.taggers, 0)       as taggers,
    coalesce(o.movies_tagged, 0) + coalesce(m.movies_tagged, 0) as movies_tagged,
    coalesce(o.first_used_at, t.first_used_at)            as first_used_at,
    t.last_used_at
from totals as t
join display as d using (tag_normalised)
left join old_tags as o using (tag_normalised)
left join new_taggers as u using (tag_normalised)
left join new_movies as m using (tag_normalised)
