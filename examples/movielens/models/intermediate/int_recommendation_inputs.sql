{{ config(materialized='view') }}
-- A view: fct_movie_recommendations, its one reader, is a table built from it each run.
-- What the recommendation marts need per movie: its rating statistics, the global mean
-- (the Bayesian prior) and the Bayesian weighted rating.
with global as (
    -- the mean of every current rating, from the per-movie sums (exact: ratings are half
    -- stars) instead of reading the 20M ratings' values each build
    select sum(rating_sum) / sum(rating_count) as global_avg_rating from {{ ref('int_movie_rating_stats') }}
)

select
    d.movie_id,
    d.title,
    d.display_title,
    d.release_year,
    d.genres,
    d.primary_genre,
    d.rating_count,
    d.avg_rating,
    d.liked_share,
    g.global_avg_rating,
    {{ var('bayes_min_ratings') }} as prior_weight,
    {{ bayesian_average('d.avg_rating', 'd.rating_count', 'g.global_avg_rating', var('bayes_min_ratings')) }} as weighted_rating
from {{ ref('int_movie_details') }} as d
cross join global as g
where d.rating_count > 0
