{{ config(materialized='view') }}
-- A view over int_user_profiles (its columns and a CASE): as a table it copied every
-- user's row again at each build.
-- One row per user who rated. engagement_level by rating volume (vars
-- engagement_high_ratings / engagement_medium_ratings).
select
    user_id,
    first_rated_at,
    last_rated_at,
    tenure_days,
    rating_count,
    avg_rating,
    stddev_rating,
    active_days,
    max_ratings_in_a_day,
    half_star_share,
    favourite_genre,
    tag_count,
    case
        when rating_count >= {{ var('engagement_high_ratings') }} then 'high'
        when rating_count >= {{ var('engagement_medium_ratings') }} then 'medium'
        else 'low'
    end as engagement_level
from {{ ref('int_user_profiles') }}
