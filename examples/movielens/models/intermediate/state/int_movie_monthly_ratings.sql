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
-- derive from it). Merged per touched (movie, month). Stored in month order: a batch's
-- months are the last row groups, so the rows it replaces are found and deleted there
-- (0.8 -> 0.2 CPU-s at 20M ratings, scattered deletes cost DuckDB per vector touched).
{{ rating_state(
    keys=[('movie_id', 'r.movie_id'), ('month_start', "cast(date_trunc('month', r.rated_at) as date)")],
    measures=[('ratings', 'count(*)', 'cast(sum(sign) as bigint)')]
    , first_rating=false
    , order_by='month_start, movie_id'
    , recount_since='month'
) }}
