-- Periods of unusual activity: weekly ratings compared with the trailing 52 weeks
-- (mean and standard deviation of the previous weeks, at least 8 of them); |z| above
-- anomaly_z_threshold is flagged high or low. Weekly volumes and active users from the
-- per-user-day state.
with weekly as (
    select week_start, cast(sum(ratings) as bigint) as ratings, count(*) as active_users
    from (
        select user_id, cast(date_trunc('week', activity_date) as date) as week_start, sum(ratings) as ratings
        from {{ ref('int_user_daily_activity') }}
        group by 1, 2
    )
    group by week_start
),

with_baseline as (
    select
        *,
        avg(ratings) over trailing_year        as baseline_mean,
        stddev_samp(ratings) over trailing_year as baseline_stddev,
        count(*) over trailing_year            as baseline_weeks
    from weekly
    window trailing_year as (order by week_start rows between 52 preceding and 1 preceding)
)

select
    week_start,
    ratings,
    active_users,
    baseline_mean,
    baseline_stddev,
    (ratings - baseline_mean) / nullif(baseline_stddev, 0) as z_score,
    case
        when baseline_weeks < 8 then 'insufficient history'
        when (ratings - baseline_mean) / nullif(baseline_stddev, 0) >= {{ var('anomaly_z_threshold') }} then 'high'
        when (ratings - baseline_mean) / nullif(baseline_stddev, 0) <= -{{ var('anomaly_z_threshold') }} then 'low'
        else 'normal'
    end as activity_flag
from with_baseline
