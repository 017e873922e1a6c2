-- Per movie and star value: how many ratings and what share of the movie's ratings.
-- From the per-movie star-value state (the same rows, ~10 per movie).
select
    movie_id,
    rating,
    ratings,
    ratings / sum(ratings) over (partition by movie_id) as share
from {{ ref('int_movie_rating_values') }}
