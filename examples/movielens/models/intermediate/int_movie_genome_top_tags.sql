{{
    config(
        materialized='incremental',
        unique_key='movie_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail'
    )
}}
-- Each genome movie's 10 most relevant genome tags (dim_movie_tag_profile's top_genome_tags)
-- and the number of tags it was scored on. Incremental: the genome only grows by whole
-- movies, so a run adds the movies not yet here, and is a no-op when the scores have as
-- many rows as this table accounts for (where dim_movie_tag_profile used to read the 11M
-- scores on every build).
{%- set unchanged = input_unchanged(
    'select (select count(*) from ' ~ ref('int_genome_tag_relevance') ~ ') = (select coalesce(sum(scored_tags), 0) from ' ~ this ~ ')') %}
{% if unchanged %}
-- nothing changed upstream: no rows to add
select * from {{ this }} where false
{% else %}
select
    movie_id,
    list(tag order by relevance_rank) filter (where relevance_rank <= 10) as top_genome_tags,
    count(*)                                                             as scored_tags
from {{ ref('int_genome_tag_relevance') }}
{% if is_incremental() %}
where movie_id not in (select movie_id from {{ this }})
{% endif %}
group by movie_id
{% endif %}
