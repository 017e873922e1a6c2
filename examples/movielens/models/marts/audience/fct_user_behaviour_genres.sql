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
{%- if is_incremental() %}
{%- set newest = state_watermark('last_rated_at', "timestamp '1900-01-01'") %}
{%- endif %}
with users as (
    select user_id, rating_count, rating_sum
    from {{ ref('int_user_rating_stats') }}
    {%- if is_incremental() %}
    -- the users who rated since the newest rating here (a literal read at compile time)
    where {{ epoch_to_timestamp('last_rated_at_epoch') }} > '{{ newest }}'::timestamp
    {%- endif %}
),

preferences as (
    -- int_user_genre_preferences' columns, from its two states, for these users only
    select
        g.user_id,
        g.genre,
        g.rating_count,
        g.rating_sum / g.rating_count                               as avg_rating,
        g.rating_sum / g.rating_count - u.rating_sum / u.rating_count as preference,
        g.rating_count / u.rating_count                             as share_of_user_ratings,
        {{ epoch_to_timestamp('g.last_rated_at_epoch') }}           as last_rated_at
    from {{ ref('int_user_genre_stats') }} as g
    join users as u on u.user_id = g.user_id
)

select
    user_id,
    genre,
    rating_count,
    avg_rating,
    preference,
    share_of_user_ratings,
    row_number() over (partition by user_id order by rating_count desc, avg_rating desc, genre) as genre_rank,
    last_rated_at
from preferences
