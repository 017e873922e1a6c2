{{
    config(
        materialized='incremental',
        unique_key=['user_id', 'movie_id'],
        incremental_strategy='replace_by_rowid',
        on_schema_change='ignore',
        pre_hook="{{ add_loaded_at_column() }}"
    )
}}
-- The ratings fact: one row per (user, movie), the latest rating when a movie was
-- re-rated. Incremental: only ratings at or after the newest one already in the table
-- are read (new batches carry later timestamps); a re-rated pair's row is replaced (by
-- rowid: macros/replace_by_rowid.sql, the same as delete+insert on (user_id, movie_id)),
-- so an incremental build equals a full refresh row for row.
-- previous_rating / previous_rated_at_epoch: the rating of the pair this one replaced
-- (null for a first rating): the aggregate states subtract it (macros/rating_changes.sql).
-- A full refresh takes the pair's previous rating event; an incremental run the row it
-- replaced, which is the same unless one run loads several ratings of the same pair.
-- loaded_at: when the build that wrote the row started (dbt's run_started_at, UTC). Every
-- row of a batch shares it, so the tests of the latest load (where: latest_load(loaded_at))
-- read only the row groups that batch appended.
{% if is_incremental() %}
with new_ratings as (
    -- the newest rating already here, read at compile time (a literal lets DuckDB skip
    -- every row group of raw.ratings before the batch)
    select user_id, movie_id, rating, rated_at_epoch, rated_at
    from {{ ref('stg_ratings') }}
    where rated_at_epoch >= {{ state_watermark('rated_at_epoch') }} - {{ var('incremental_lookback_seconds') }}
    {{ top_n_per_group('user_id, movie_id', 'rated_at_epoch desc, rating desc', 1) }}
),

-- the pairs already here, found by their two key columns alone; only those rows are then
-- read whole, by rowid (a left join reading six columns of every row cost twice as much)
replaced as (
    select o.rowid as replaced_rowid
    from {{ this }} as o
    semi join new_ratings as n using (user_id, movie_id)
),

old as (
    select rowid as replaced_rowid, user_id, movie_id, rating, rated_at_epoch, previous_rating, previous_rated_at_epoch
    from {{ this }}
    where rowid in (select replaced_rowid from replaced)
)

select
    n.user_id,
    n.movie_id,
    n.rating,
    n.rated_at_epoch,
    n.rated_at,
    cast(n.rated_at as date) as rated_date,
    -- the rating this one replaces here (a row read again keeps what it had)
    case when o.rated_at_epoch = n.rated_at_epoch and o.rating = n.rating then o.previous_rating else o.rating end
        as previous_rating,
    case when o.rated_at_epoch = n.rated_at_epoch and o.rating = n.rating then o.previous_rated_at_epoch else o.rated_at_epoch end
        as previous_rated_at_epoch,
    {{ loaded_at() }},
    -- the row this one replaces (macros/replace_by_rowid.sql deletes it)
    o.replaced_rowid
from new_ratings as n
left join old as o using (user_id, movie_id)
{% else %}
select
    user_id,
    movie_id,
    rating,
    rated_at_epoch,
    rated_at,
    cast(rated_at as date) as rated_date,
    lead(rating) over latest_first         as previous_rating,
    lead(rated_at_epoch) over latest_first as previous_rated_at_epoch,
    {{ loaded_at() }}
from {{ ref('stg_ratings') }}
window latest_first as (partition by user_id, movie_id order by rated_at_epoch desc, rating desc)
-- latest rating per pair; ties (same second) broken by the higher rating, deterministically
qualify row_number() over latest_first = 1
{% endif %}
