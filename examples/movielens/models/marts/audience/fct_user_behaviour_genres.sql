{{
    config(
        materialized='incremental',
        unique_key='user_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail'
    )
}}
-- One row per (user, genre) they rated: volume, mean, preference vs their own mean,
-- the genre's rank in the user's ratings, and the user's last rating in the genre.
-- Incremental per touched user: a user who rated since the last build gets all their
-- genre rows rewritten (their mean, and so every preference and share, moved).
select
    user_id,
    genre,
    rating_count,
    avg_rating,
    preference,
    share_of_user_ratings,
    row_number() over (partition by user_id order by rating_count desc, avg_rating desc, genre) as genre_rank,
    last_rated_at
from {{ ref('int_user_genre_preferences') }}
{% if is_incremental() %}
where user_id in (
    select user_id from {{ ref('int_user_rating_stats') }}
    where {{ epoch_to_timestamp('last_rated_at_epoch') }} > (select max(last_rated_at) from {{ this }})
)
{% endif %}
