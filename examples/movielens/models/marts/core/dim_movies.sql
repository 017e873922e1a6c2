{{ config(materialized='view') }}
-- The movie dimension: a view over int_movie_details (a projection of its columns). As a
-- table it was a second copy of every title and link, rewritten at each build.
select
    movie_id,
    title,
    display_title,
    release_year,
    release_decade,
    genres,
    genre_count,
    primary_genre,
    imdb_id,
    tmdb_id,
    imdb_url,
    tmdb_url,
    rating_count,
    avg_rating,
    stddev_rating,
    first_rated_at,
    last_rated_at
from {{ ref('int_movie_details') }}
