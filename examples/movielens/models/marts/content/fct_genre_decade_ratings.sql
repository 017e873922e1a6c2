-- The "top-rated genres" heatmap: mean rating by genre x release decade, with a Bayesian
-- shrunk mean so cells with few ratings do not dominate. From the per-movie statistics
-- (count and sum of each movie's ratings) rather than the ratings themselves.
with cells as (
    select
        g.genre,
        d.release_decade,
        count(*)                                   as movies,
        cast(sum(s.rating_count) as bigint)        as ratings,
        sum(s.rating_sum) / sum(s.rating_count)    as avg_rating
    from {{ ref('int_movie_rating_stats') }} as s
    join {{ ref('int_movie_genres') }} as g using (movie_id)
    join {{ ref('int_movie_details') }} as d using (movie_id)
    where d.release_decade is not null
    group by g.genre, d.release_decade
),

global as (
    select sum(rating_sum) / sum(rating_count) as global_avg from {{ ref('int_movie_rating_stats') }}
)

select
    c.*,
    {{ bayesian_average('c.avg_rating', 'c.ratings', 'g.global_avg', var('bayes_min_ratings')) }} as weighted_avg_rating,
    rank() over (partition by c.release_decade order by c.avg_rating desc) as rank_in_decade
from cells as c
cross join global as g
