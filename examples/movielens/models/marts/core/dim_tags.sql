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
with applications as (
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
)

select
    md5(t.tag_normalised)        as tag_key,
    t.tag_normalised,
    d.display_tag,
    count(*)                     as applications,
    count(distinct t.user_id)    as taggers,
    count(distinct t.movie_id)   as movies_tagged,
    min(t.tagged_at)             as first_used_at,
    max(t.tagged_at)             as last_used_at
from applications as t
join display as d using (tag_normalised)
group by t.tag_normalised, d.display_tag
