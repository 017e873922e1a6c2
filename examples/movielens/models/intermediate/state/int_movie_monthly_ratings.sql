{{
    config(
        materialized='incremental',
        unique_key=['movie_id', 'month_start'],
        incremental_strategy='replace_by_rowid',
        on_schema_change='ignore',
        post_hook="{{ delete_empty_keys('ratings') }}"
    )
}}
-- Aggregate state per movie and calendar month: ratings (distinct movies rated per month
-- derive from it). Merged per touched (movie, month).
{{ rating_state(
    keys=[('movie_id', 'r.movie_id'), ('month_start', "cast(date_trunc('month', r.rated_at) as date)")],
    measures=[('ratings', 'count(*)', 'cast(sum(sign) as bigint)')]
    , first_rating=false
) }}
