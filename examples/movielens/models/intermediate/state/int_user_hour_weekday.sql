{{
    config(
        materialized='incremental',
        unique_key=['iso_weekday', 'hour_of_day', 'user_block'],
        incremental_strategy='replace_by_rowid',
        on_schema_change='ignore',
        post_hook="{{ delete_empty_keys('ratings') }}"
    )
}}
-- Activity state per ISO weekday x hour of day (UTC) x block of user ids, for the heatmap
-- (fct_activity_hour_weekday): up to 168 rows per block of 16384 user ids (1,512 at 20M
-- ratings). Ratings and their sum are
-- additive: a run adds the signed changes (macros/rating_changes.sql). Distinct users are
-- not: each row keeps its users as a bitstring (bit i: user user_block * 16384 + i has a
-- rating in the cell), so a run ORs in the batch's users and clears only the users whose
-- re-rating took their last rating in the cell away (looked up in fct_ratings for those few
-- users). It replaces a state per (user, cell), 5M rows at 20M ratings, whose per-run probe,
-- scattered deletes and checkpoint cost ~2 CPU-s; this one rewrites its rows (~3 MB at 20M).
-- Blocks of user ids, not one set per cell: a bitstring's length is fixed when it is built
-- (bitstring_agg takes constant bounds), and padding a set when new user ids arrive costs
-- as much as the rest of the run.
-- ratings_through_epoch: the newest rating absorbed, on every row (the state's watermark; a
-- row's own newest rating can move away with a re-rating, and recounting it would scan the
-- whole fact). So every row is rewritten when ratings arrive.
{%- set block = 16384 %}
{%- set fact = ref('fct_ratings') %}
{% if is_incremental() %}
{%- if execute and 'user_block' not in (adapter.get_columns_in_relation(this) | map(attribute='name') | list) %}
    {{- exceptions.raise_compiler_error(this ~ ' has the layout of an older version of this model (a row per user and cell): rebuild it with --full-refresh') }}
{%- endif %}
with changes as materialized (
    select
        sign, user_id, rating, rated_at_epoch,
        isodow(rated_at) as iso_weekday, hour(rated_at) as hour_of_day, user_id // {{ block }} as user_block
    from {{ rating_changes(state_watermark('ratings_through_epoch')) }}
),

-- (cell, user) pairs that lost a rating to a re-rating, and of those the ones whose user
-- still has a rating in the cell (fct_ratings holds the batch already)
lost_pairs as (
    select distinct iso_weekday, hour_of_day, user_block, user_id from changes where sign = -1
),

kept_pairs as (
    select distinct isodow(r.rated_at) as iso_weekday, hour(r.rated_at) as hour_of_day, r.user_id
    from {{ fact }} as r
    semi join (select distinct user_id from lost_pairs) as l using (user_id)
),

users_left as (
    select iso_weekday, hour_of_day, user_block, bitstring_agg(user_id % {{ block }}, 0, {{ block - 1 }}) as users_left
    from lost_pairs
    anti join kept_pairs using (iso_weekday, hour_of_day, user_id)
    group by iso_weekday, hour_of_day, user_block
),

delta as (
    select
        iso_weekday,
        hour_of_day,
        user_block,
        cast(sum(sign) as bigint)                                                             as ratings,
        sum(sign * rating)                                                                    as rating_sum,
        bitstring_agg(user_id % {{ block }}, 0, {{ block - 1 }}) filter (where sign = 1)       as users_entered
    from changes
    group by iso_weekday, hour_of_day, user_block
),

newest as (
    select max(rated_at_epoch) as newest_added from changes where sign = 1
),

-- every row, old or new (replaced_rowid: the row it replaces, see macros/replace_by_rowid.sql)
merged as (
    select
        iso_weekday,
        hour_of_day,
        user_block,
        coalesce(o.ratings, 0) + coalesce(d.ratings, 0)       as ratings,
        coalesce(o.rating_sum, 0) + coalesce(d.rating_sum, 0) as rating_sum,
        case
            when d.users_entered is null then o.user_set
            when o.user_set is null then d.users_entered
            else o.user_set | d.users_entered
        end                                                   as user_set,
        o.ratings_through_epoch                               as old_through,
        o.rowid                                               as replaced_rowid
    from {{ this }} as o
    full join delta as d using (iso_weekday, hour_of_day, user_block)
)

select
    m.iso_weekday,
    m.hour_of_day,
    m.user_block,
    m.ratings,
    m.rating_sum,
    case when l.users_left is null then m.user_set else m.user_set & ~l.users_left end as user_set,
    greatest(coalesce(m.old_through, n.newest_added), n.newest_added)                 as ratings_through_epoch,
    m.replaced_rowid
from merged as m
cross join newest as n
left join users_left as l using (iso_weekday, hour_of_day, user_block)
-- nothing new: nothing to rewrite
where n.newest_added is not null
{% else %}
select
    isodow(rated_at)                                                as iso_weekday,
    hour(rated_at)                                                  as hour_of_day,
    user_id // {{ block }}                                          as user_block,
    count(*)                                                        as ratings,
    sum(rating)                                                     as rating_sum,
    bitstring_agg(user_id % {{ block }}, 0, {{ block - 1 }})        as user_set,
    max(max(rated_at_epoch)) over ()                                as ratings_through_epoch
from {{ fact }}
group by isodow(rated_at), hour(rated_at), user_id // {{ block }}
{% endif %}
