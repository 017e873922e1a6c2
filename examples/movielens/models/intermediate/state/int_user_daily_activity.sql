{{
    config(
        materialized='incremental',
        unique_key=['user_id', 'activity_date'],
        incremental_strategy='replace_by_rowid',
        on_schema_change='ignore',
        post_hook="{{ delete_empty_keys('ratings') }}"
    )
}}
-- Aggregate state per user and day they rated: ratings, their sum, half-star ratings,
-- first and last rating. Sessions per user, weekly and monthly active users and cohort
-- activity derive from it. Merged per touched (user, day).
{{ rating_state(
    keys=[('user_id', 'r.user_id'), ('activity_date', 'cast(r.rated_at as date)')],
    measures=[
        ('ratings', 'count(*)', 'cast(sum(sign) as bigint)'),
        ('rating_sum', 'sum(r.rating)', 'sum(sign * r.rating)'),
        ('half_star_count', 'count(*) filter (where r.rating * 2 % 2 = 1)', 'cast(coalesce(sum(sign) filter (where r.rating * 2 % 2 = 1), 0) as bigint)'),
    ]
    , first_rating=false
    , recount_since='day'
) }}
