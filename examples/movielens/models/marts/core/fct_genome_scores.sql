{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail'
    )
}}
-- Genome relevance per (movie, tag); empty on datasets without a genome. Incremental as
-- int_genome_tag_relevance: new movies are appended, an unchanged genome is a no-op.
{%- set unchanged = input_unchanged(
    'select (select count(*) from ' ~ ref('int_genome_tag_relevance') ~ ') = (select count(*) from ' ~ this ~ ')') %}
{% if unchanged %}
-- nothing changed upstream: no rows to add
select * from {{ this }} where false
{% else %}
select r.movie_id, r.tag_id, r.tag, r.relevance, r.relevance_rank,
    '{{ invocation_id }}' as loaded_by_invocation  -- audit: the invocation that appended the row
from {{ ref('int_genome_tag_relevance') }} as r
{% if is_incremental() %}
anti join (select distinct movie_id from {{ this }}) as done on done.movie_id = r.movie_id
{% endif %}
{% endif %}
