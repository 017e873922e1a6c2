{{
    config(
        materialized='incremental',
        unique_key=['movie_id', 'rating'],
        incremental_strategy='replace_by_rowid',
        on_schema_change='ignore',
        post_hook="{{ delete_empty_keys('ratings') }}"
    )
}}
-- Aggregate state: per movie and star value, how many ratings and when the first and the
-- last were given. Every per-movie statistic (count, mean, deviation, median, liked and
-- disliked shares, first and last rating) and the rating distribution derive from these
-- ~10 rows per movie; merged per touched key (macros/rating_changes.sql).
{{ rating_state(
    keys=[('movie_id', 'r.movie_id'), ('rating', 'r.rating')],
    measures=[('ratings', 'count(*)', 'cast(sum(sign) as bigint)')]
) }}
