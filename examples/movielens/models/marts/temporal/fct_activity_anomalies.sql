{{
    config(
        materialized='incremental',
        unique_key='week_start',
        incremental_strategy='delete+insert',
        on_schema_change='fail'
    )
}}
-- Periods of unusual activity: weekly ratings compared with the trailing 52 weeks
-- (mean and standard deviation of the previous weeks, at least 8 of them); |z| above
-- anomaly_z_threshold is flagged high or low. Weekly volumes and active users from the
-- per-user-day state.
-- Incremental by week: the weeks from the first day whose ratings changed since the
-- newest rating here are recomputed; their baselines read the weeks kept from this table.
{%- set since = none %}
{%- if is_incremental() %}
{%- set since = first_changed_day(state_watermark('last_rated_at', "timestamp '1900-01-01'")) %}
{%- set from_week = "date_trunc('week', date '" ~ since ~ "')" if since is not none else none %}
{%- endif %}
{% if is_incremental() and since is none %}
-- no rating changed: nothing to recompute
select * from {{ this }} where false
{% else %}
with recomputed as (
    select
        week_start,
        cast(sum(ratings) as bigint)                          as ratings,
        count(*)                                              as active_users,
        {{ epoch_to_timestamp('max(last_rated_at_epoch)') }}  as last_rated_at
    from (
        select
            user_id,
            cast(date_trunc('week', activity_date) as date) as week_start,
            sum(ratings)                                    as ratings,
            max(last_rated_at_epoch)                        as last_rated_at_epoch
        from {{ ref('int_user_daily_activity') }}
        {%- if is_incremental() %}
        where activity_date >= {{ from_week }}
        {%- endif %}
        group by 1, 2
    )
    group by week_start
),

weekly as (
    select * from recomputed
    {%- if is_incremental() %}
    union all
    -- the 52 weeks (rows: weeks without ratings have none) before, as kept here: the
    -- recomputed weeks' baselines
    select week_start, ratings, active_users, last_rated_at
    from {{ this }}
    where week_start < {{ from_week }}
    qualify row_number() over (order by week_start desc) <= 52
    {%- endif %}
),

with_baseline as (
    select
        *,
        avg(ratings) over trailing_year        as baseline_mean,
        -- the sample standard deviation from exact integer sums: the same bits however
        -- the window's frames are combined (stddev_samp over a window is not)
        case when count(*) over trailing_year > 1 then sqrt(
            (count(*) over trailing_year * sum(ratings * ratings) over trailing_year
                - (sum(ratings) over trailing_year) * (sum(ratings) over trailing_year))
            / (count(*) over trailing_year * (count(*) over trailing_year - 1))) end as baseline_stddev,
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
    end as activity_flag,
    last_rated_at
from with_baseline
{%- if is_incremental() %}
where week_start >= {{ from_week }}
{%- endif %}
{% endif %}
