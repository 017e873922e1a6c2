{{
    config(
        materialized='incremental',
        unique_key='tag_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail'
    )
}}
-- The genome's tag vocabulary with how strongly it applies across the genome movies.
-- Empty on datasets without a genome. Incremental: rebuilt (every tag replaced) when the
-- genome changed, a no-op when the tags and scores have the rows this table accounts for.
{%- set unchanged = input_unchanged(
    'select (select count(*) from ' ~ ref('int_genome_tag_relevance') ~ ') = (select coalesce(sum(movies_scored), 0) from ' ~ this ~ ')'
    ~ ' and (select count(*) from ' ~ ref('stg_genome_tags') ~ ') = (select count(*) from ' ~ this ~ ')') %}
{% if unchanged %}
-- nothing changed upstream: no rows to add
select * from {{ this }} where false
{% else %}
select
    t.tag_id,
    t.tag,
    count(s.movie_id)                                   as movies_scored,
    -- over exact decimals: the same value whatever the order threads add in
    avg(cast(s.relevance as decimal(18, 6)))            as avg_relevance,
    count(s.movie_id) filter (where s.relevance >= 0.5) as movies_relevant
from {{ ref('stg_genome_tags') }} as t
left join {{ ref('int_genome_tag_relevance') }} as s using (tag_id)
group by t.tag_id, t.tag
{% endif %}
