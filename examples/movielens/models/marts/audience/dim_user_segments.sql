{{ config(materialized='view') }}
-- A view: row-wise rules over dim_users and the newest rating, cheap to compute on read
-- (the snapshot of segments reads it once per build).
-- Segments for targeted recommendations: engagement (volume) x tendency (how generous
-- the user rates) x recency (active in the last 90 days of data).
with users as (
    -- the end of the data as one scalar (a window over () buffered all 138k rows at 20M)
    select u.*, e.data_end
    from {{ ref('dim_users') }} as u
    cross join (select max(last_rated_at) as data_end from {{ ref('dim_users') }}) as e
)

select
    user_id,
    engagement_level,
    case
        when avg_rating >= 4.0 then 'enthusiast'
        when avg_rating < 3.0 then 'critic'
        else 'balanced'
    end as rating_tendency,
    case
        when last_rated_at >= data_end - interval 90 day then 'active'
        else 'lapsed'
    end as recency,
    engagement_level || ' ' || (case
        when avg_rating >= 4.0 then 'enthusiast'
        when avg_rating < 3.0 then 'critic'
        else 'balanced'
    end) as segment,
    favourite_genre,
    rating_count,
    avg_rating,
    last_rated_at,
    case
        when last_rated_at < data_end - interval 90 day then 'win back: new releases in ' || coalesce(favourite_genre, 'top genres')
        when engagement_level = 'high' then 'deep catalog: similar movies and hidden gems'
        when engagement_level = 'medium' then 'genre rows: top rated ' || coalesce(favourite_genre, 'movies')
        else 'onboarding: most popular must-watch movies'
    end as recommended_action
from users
