{{
    config(
        materialized='incremental',
        unique_key=['user_id', 'iso_weekday', 'hour_of_day'],
        incremental_strategy='replace_by_rowid',
        on_schema_change='ignore',
        post_hook="{{ delete_empty_keys('ratings') }}"
    )
}}
-- Aggregate state per user, weekday and hour (UTC): ratings and their sum; the activity
-- heatmap (ratings, distinct users, mean per cell) derives from it. Merged per touched key.
{{ rating_state(
    keys=[('user_id', 'r.user_id'), ('iso_weekday', 'isodow(r.rated_at)'), ('hour_of_day', 'hour(r.rated_at)')],
    measures=[
        ('ratings', 'count(*)', 'cast(sum(sign) as bigint)'),
        ('rating_sum', 'sum(r.rating)', 'sum(sign * r.rating)'),
    ]
    , first_rating=false
) }}
