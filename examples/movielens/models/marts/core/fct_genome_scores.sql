{{ config(materialized='view') }}
-- Genome relevance per (movie, tag); empty on datasets without a genome. A view over the
-- incremental int_genome_tag_relevance (the same 11M rows on ml-20m need no second copy);
-- its tests are on that table.
select movie_id, tag_id, tag, relevance, relevance_rank
from {{ ref('int_genome_tag_relevance') }}
