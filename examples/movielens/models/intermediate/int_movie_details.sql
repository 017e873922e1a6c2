{{ config(materialized='view') }}
-- Movies with their links, decade, primary genre and rating statistics: a view joining the
-- catalog (int_movie_attributes, rebuilt only when movies or links change) to the rating
-- statistics (int_movie_rating_stats, rebuilt each run). As a table it rewrote every title
-- and link at each build; its readers (dim_movies, the recommendation inputs and three
-- content marts) pay a join of 27k rows instead.
select
    a.movie_id,
    a.title,
    a.display_title,
    a.release_year,
    a.release_decade,
    a.genres,
    a.genre_count,
    a.primary_genre,
    a.imdb_id,
    a.tmdb_id,
    a.imdb_url,
    a.tmdb_url,
    coalesce(s.rating_count, 0)         as rating_count,
    s.avg_rating,
    s.stddev_rating,
    s.median_rating,
    coalesce(s.liked_count, 0)          as liked_count,
    coalesce(s.disliked_count, 0)       as disliked_count,
    s.liked_share,
    s.disliked_share,
    s.first_rated_at,
    s.last_rated_at
from {{ ref('int_movie_attributes') }} as a
left join {{ ref('int_movie_rating_stats') }} as s using (movie_id)
