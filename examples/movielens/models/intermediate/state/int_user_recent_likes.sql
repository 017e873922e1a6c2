{{
    config(
        materialized='incremental',
        unique_key=['user_id', 'movie_id'],
        incremental_strategy='apply_row_changes',
        on_schema_change='ignore'
    )
}}
-- State: each user's candidates_liked_per_user most recent liked ratings (rating >=
-- liked_rating_threshold), the seeds of their recommendation candidates. Incremental per
-- touched user: the newest likes are the batch's, so the new list is the top of (old list
-- + the batch's likes); a user whose re-rating removed a movie from their list is
-- recomputed from fct_ratings (the next most recent like is not in the old list).
-- Only what changed is written (strategy apply_row_changes, macros/replace_by_rowid.sql):
-- the list's new entries are inserted and the entries that left it deleted by rowid; a
-- batch adds a few likes per user, so this writes ~1/5 of rewriting the touched users'
-- whole lists.
{%- set n = var('candidates_liked_per_user') %}
{%- set liked = var('liked_rating_threshold') %}
{% if is_incremental() %}
-- (the watermark is the newest like kept: changes after it may be read again, which
-- recomputing lists tolerates: only dislikes can be, as every like read enters its list)
{%- set watermark = state_watermark('rated_at_epoch') %}
{%- set nothing_replaced = execute and earliest_replaced(watermark) is none %}
with changes as materialized {{ rating_changes(watermark, additive=false) }},
{%- if nothing_replaced %}

-- no rating since the watermark replaced an earlier one (earliest_replaced,
-- macros/rating_changes.sql): no pair of the changes is in a list and no user lost a
-- like, so only the users with new likes change (0.23 of 0.52 CPU-s at 20M ratings)
-- (shaped as below, a group by then a filter, so that DuckDB builds the semi joins' hash
-- tables on these users, not on the state's 2.6M rows: 0.73 s instead of 0.02)
touched as (
    select user_id, bool_or(rating >= {{ liked }}) as liked_some
    from changes
    group by user_id
),

kept_users as (select user_id from touched where liked_some),
{%- else %}

touched as (
    select user_id, bool_or(sign = -1 and rating >= {{ liked }}) as lost_a_like
    from changes
    group by user_id
),

kept_users as (select user_id from touched where not lost_a_like),

recount_users as (select user_id from touched where lost_a_like),

new_pairs as (select user_id, movie_id from changes where sign = 1),
{%- endif %}

candidates as (
    -- the old list, without pairs the batch re-rated (with each entry's rowid) ...
    select o.user_id, o.movie_id, o.rated_at_epoch, o.rowid as old_rowid
    from {{ this }} as o
    semi join kept_users as k on k.user_id = o.user_id
    {%- if not nothing_replaced %}
    anti join new_pairs as c on c.user_id = o.user_id and c.movie_id = o.movie_id
    {%- endif %}
    union all
    -- ... and the batch's likes
    select c.user_id, c.movie_id, c.rated_at_epoch, null
    from changes as c
    semi join kept_users as k on k.user_id = c.user_id
    where c.sign = 1 and c.rating >= {{ liked }}
    {%- if not nothing_replaced %}
    union all
    -- users who lost a like: from the fact
    select r.user_id, r.movie_id, r.rated_at_epoch, null
    from {{ ref('fct_ratings') }} as r
    semi join recount_users as k on k.user_id = r.user_id
    where r.rating >= {{ liked }}
    {%- endif %}
),

ranked as materialized (
    select *, row_number() over (partition by user_id order by rated_at_epoch desc, movie_id) as list_rank
    from candidates
)

-- entries new in a list ...
select user_id, movie_id, rated_at_epoch, cast(null as bigint) as deleted_rowid
from ranked
where list_rank <= {{ n }} and old_rowid is null
union all
-- ... entries pushed out of it ...
select user_id, movie_id, rated_at_epoch, old_rowid
from ranked
where list_rank > {{ n }} and old_rowid is not null
{%- if not nothing_replaced %}
union all
-- ... entries the batch re-rated (a like kept comes back above with its new time) ...
select o.user_id, o.movie_id, o.rated_at_epoch, o.rowid
from {{ this }} as o
semi join kept_users as k on k.user_id = o.user_id
semi join new_pairs as c on c.user_id = o.user_id and c.movie_id = o.movie_id
union all
-- ... and the old lists of the users recomputed from the fact
select o.user_id, o.movie_id, o.rated_at_epoch, o.rowid
from {{ this }} as o
semi join recount_users as k on k.user_id = o.user_id
{%- endif %}
{% else %}
with candidates as (
    select user_id, movie_id, rated_at_epoch
    from {{ ref('fct_ratings') }}
    where rating >= {{ liked }}
)

select user_id, movie_id, rated_at_epoch
from candidates
{{ top_n_per_group('user_id', 'rated_at_epoch desc, movie_id', n) }}
{% endif %}
