-- Monthly active-user cohorts: users grouped by the month of their first rating, and how
-- many of them rated in each later month (months_since = 0 is the first month). From the
-- per-user-day and per-user states.
with activity as (
    select distinct user_id, cast(date_trunc('month', activity_date) as date) as activity_month
    from {{ ref('int_user_daily_activity') }}
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
    count(*) / any_value(s.cohort_size)                  as retention
from activity as a
join cohorts as c using (user_id)
join sizes as s using (cohort_month)
group by c.cohort_month, a.activity_month
