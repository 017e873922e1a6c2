{{
    config(
        materialized='incremental',
        unique_key='month_start',
        incremental_strategy='delete+insert',
        on_schema_change='fail'
    )
}}
-- How ratings evolved: per calendar month, volume, active and new users, movies rated,
-- mean rating, half-star share, the running total and the newest rating. From the
-- per-user-day, per-movie-month and per-user states.
-- Incremental by month: the months from the first day whose ratings changed since the
-- newest rating here (the batch's days, and the day of a re-rated rating) are recomputed;
-- their running total continues the last month kept.
{%- set since = none %}
{%- if is_incremental() %}
{%- set since = first_changed_day(state_watermark('last_rated_at', "timestamp '1900-01-01'")) %}
{%- set from_month = "date_trunc('month', date '" ~ since ~ "')" if since is not none else none %}
{%- endif %}
{% if is_incremental() and since is none %}
-- no rating changed: nothing to recompute
select * from {{ this }} where false
{% else %}
with user_months as (
    select
        user_id,
        cast(date_trunc('month', activity_date) as date) as month_start,
        sum(ratings)              as ratings,
        sum(rating_sum)           as rating_sum,
        sum(half_star_count)      as half_star_count,
        max(last_rated_at_epoch)  as last_rated_at_epoch
    from {{ ref('int_user_daily_activity') }}
    {%- if is_incremental() %}
    where activity_date >= {{ from_month }}
    {%- endif %}
    group by 1, 2
),

monthly as (
    select
        month_start,
        cast(sum(ratings) as bigint)                       as ratings,
        count(*)                                           as active_users,
        sum(rating_sum) / sum(ratings)                     as avg_rating,
        {{ safe_ratio('sum(half_star_count)', 'sum(ratings)') }} as half_star_share,
        {{ epoch_to_timestamp('max(last_rated_at_epoch)') }} as last_rated_at
    from user_months
    group by month_start
),

movies as (
    select month_start, count(*) as movies_rated
    from {{ ref('int_movie_monthly_ratings') }}
    {%- if is_incremental() %}
    where month_start >= {{ from_month }}
    {%- endif %}
    group by month_start
),

new_users as (
    select cast(date_trunc('month', {{ epoch_to_timestamp('first_rated_at_epoch') }}) as date) as month_start, count(*) as new_users
    from {{ ref('int_user_rating_stats') }}
    group by 1
),

before as (
    -- the running total of the months kept
    {%- if is_incremental() %}
    select coalesce(max(cumulative_ratings), 0) as cumulative_ratings
    from {{ this }}
    where month_start < {{ from_month }}
    {%- else %}
    select 0 as cumulative_ratings
    {%- endif %}
)

select
    m.month_start,
    m.ratings,
    m.active_users,
    v.movies_rated,
    m.avg_rating,
    m.half_star_share,
    coalesce(n.new_users, 0) as new_users,
    b.cumulative_ratings + sum(m.ratings) over (order by m.month_start) as cumulative_ratings,
    m.last_rated_at
from monthly as m
join movies as v using (month_start)
left join new_users as n using (month_start)
cross join before as b
{% endif %}
