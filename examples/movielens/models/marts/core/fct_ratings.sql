{{
    config(
        materialized='incremental',
        unique_key=['user_id', 'movie_id'],
        incremental_strategy='delete+insert',
        on_schema_change='fail'
    )
}}
-- The ratings fact: one row per (user, movie), the latest rating when a movie was
-- re-rated. Incremental: only ratings at or after the newest one already in the table
-- are read (new batches carry later timestamps); delete+insert on (user_id, movie_id)
-- replaces a re-rated pair, so an incremental build equals a full refresh row for row.
with ratings as (
    select user_id, movie_id, rating, rated_at_epoch, rated_at
    from {{ ref('stg_ratings') }}
    {% if is_incremental() %}
    -- the newest rating already here, read at compile time (a literal lets DuckDB skip
    -- every row group of raw.ratings before the batch)
    where rated_at_epoch >= {{ state_watermark('rated_at_epoch') }} - {{ var('incremental_lookback_seconds') }}
    {% endif %}
)

select
    user_id,
    movie_id,
    rating,
    rated_at_epoch,
    rated_at,
    cast(rated_at as date) as rated_date
from ratings
-- latest rating per pair; ties (same second) broken by the higher rating, deterministically
{{ top_n_per_group('user_id, movie_id', 'rated_at_epoch desc, rating desc', 1) }}
