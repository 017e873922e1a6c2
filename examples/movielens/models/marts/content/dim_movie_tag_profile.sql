-- Per movie: what users tag it with and what the genome says it is about.
with user_tags as (
    select
        movie_id,
        -- sorted after aggregating: DuckDB's ordered list() sorts per group, 3x slower here
        list_transform(list_sort(list({'tag_rank': tag_rank, 'tag': tag_normalised})), x -> x.tag) as top_user_tags,
        sum(applications)                      as top_tag_applications
    from {{ ref('int_top_tags_per_movie') }}
    group by movie_id
),

all_tags as (
    select movie_id, sum(applications) as tag_applications, count(*) as distinct_tags
    from {{ ref('int_tag_movie_links') }}
    group by movie_id
),

genome as (
    -- kept per movie by int_movie_genome_top_tags (rebuilt only when the genome grows)
    select movie_id, top_genome_tags
    from {{ ref('int_movie_genome_top_tags') }}
)

select
    m.movie_id,
    m.title,
    m.genres,
    coalesce(a.tag_applications, 0) as tag_applications,
    coalesce(a.distinct_tags, 0)    as distinct_tags,
    u.top_user_tags,
    g.top_genome_tags
from {{ ref('dim_movies') }} as m
left join all_tags as a using (movie_id)
left join user_tags as u using (movie_id)
left join genome as g using (movie_id)
where a.movie_id is not null or g.movie_id is not null
