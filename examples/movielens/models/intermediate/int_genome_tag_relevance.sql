{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail'
    )
}}
-- Genome relevance with tag names and each tag's rank within its movie (1 = most relevant);
-- every score row (a tag id missing from the tags keeps a null tag, caught by a test).
-- Incremental: the genome only grows by whole movies (every genome movie is scored on every
-- tag), so a run appends the movies not yet present, and is a no-op when the scores have
-- as many rows as this table.
{%- set unchanged = input_unchanged(
    'select (select count(*) from ' ~ ref('stg_genome_scores') ~ ') = (select count(*) from ' ~ this ~ ')') %}
{% if unchanged %}
-- nothing changed upstream: no rows to add
select * from {{ this }} where false
{% else %}
select
    s.movie_id,
    s.tag_id,
    t.tag,
    s.relevance,
    row_number() over (partition by s.movie_id order by s.relevance desc, s.tag_id) as relevance_rank,
    -- audit column: the invocation that appended the row, as a hash of its id (a constant
    -- number compresses to nothing; tests read this run's rows)
    hash('{{ invocation_id }}') as loaded_by_invocation
from {{ ref('stg_genome_scores') }} as s
left join {{ ref('stg_genome_tags') }} as t using (tag_id)
{% if is_incremental() %}
anti join (select distinct movie_id from {{ this }}) as done on done.movie_id = s.movie_id
{% endif %}
{% endif %}
