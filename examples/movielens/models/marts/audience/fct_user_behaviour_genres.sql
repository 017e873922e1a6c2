{{ config(materialized='view') }}
-- One row per (user, genre) they rated: volume, mean, preference vs their own mean,
-- the genre's rank in the user's ratings, and the user's last rating in the genre.
-- A view over int_user_genre_preferences (itself a view over the two aggregate states,
-- where the key is tested): a user who rates moves their mean, and with it every
-- preference and share of theirs, so as a table it rewrote all genre rows of every user in
-- a batch (470k of 2.5M rows for a 1% batch at 20M: the batch's users own a third of the
-- ratings). Read whole it costs about 0.4 s at 20M; one user's rows, a few milliseconds.
select
    user_id,
    genre,
    rating_count,
    avg_rating,
    preference,
    share_of_user_ratings,
    {{ user_genre_rank() }} as genre_rank,
    last_rated_at
from {{ ref('int_user_genre_preferences') }}
