{{
    config(
        materialized='incremental',
        unique_key='movie_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail'
    )
}}
-- The ten most applied user tags of each movie, and when the movie was last tagged.
-- Incremental per movie tagged since the newest tagging here.
select
    movie_id,
    tag_normalised,
    applications,
    taggers,
    row_number() over (partition by movie_id order by applications desc, taggers desc, tag_normalised) as tag_rank,
    max(last_tagged_at) over (partition by movie_id) as movie_last_tagged_at
from {{ ref('int_tag_movie_links') }}
{%- if is_incremental() %}
where movie_id in (
    select movie_id from {{ ref('int_tag_movie_links') }}
    where last_tagged_at > '{{ state_watermark('movie_last_tagged_at', "timestamp '1900-01-01'") }}'::timestamp
)
{%- endif %}
{{ top_n_per_group('movie_id', 'applications desc, taggers desc, tag_normalised', 10) }}
