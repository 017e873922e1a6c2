{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{% if is_incremental() %}{% set m = first_changed_month() %}{% if m %}delete from {{ this }} where activity_month >= {{ m }}{% endif %}{% endif %}"
    )
}}
-- Monthly active-user cohorts: users grouped by the month of their first rating, and how
-- many of them rated in each later month (months_since = 0 is the first month). From the
-- per-user-day and per-user states.
-- Incremental by activity month: the rows of the months from the first changed day are
-- deleted (pre-hook) and recomputed. A cohort whose size changed (new users, or a user
-- whose first rating was replaced) starts at or after that day, so its rows are among them.
{%- set from_month = first_changed_month() if is_incremental() else none %}
{% if is_incremental() and from_month is none %}
-- no rating changed: nothing to recompute
select * from {{ this }} where false
{% else %}
with activity as (
    select
        user_id,
        cast(date_trunc('month', activity_date) as date) as activity_month,
        max(last_rated_at_epoch)                         as last_rated_at_epoch
    from {{ ref('int_user_daily_activity') }}
    {%- if is_incremental() %}
    where activity_date >= {{ from_month }}
    {%- endif %}
    group by 1, 2
),

cohorts as (
    select user_id, cast(date_trunc('month', {{ epoch_to_timestamp('first_rated_at_epoch') }}) as date) as cohort_month
    from {{ ref('int_user_rating_stats') }}
),

sizes as (
    select cohort_month, count(*) as cohort_size from cohorts group by cohort_month
)

select
    c.cohort_month,
    date_diff('month', c.cohort_month, a.activity_month) as months_since,
    a.activity_month,
    any_value(s.cohort_size)                             as cohort_size,
    count(*)                                             as active_users,
    count(*) / any_value(s.cohort_size)                  as retention,
    {{ epoch_to_timestamp('max(a.last_rated_at_epoch)') }} as last_rated_at
from activity as a
join cohorts as c using (user_id)
join sizes as s using (cohort_month)
group by c.cohort_month, a.activity_month
{% endif %}
