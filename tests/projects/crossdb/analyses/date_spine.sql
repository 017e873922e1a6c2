with days as (
    {{ dbt.date_spine('day', "cast('2024-01-01' as date)", "cast('2024-01-08' as date)") }}
),
months as (
    {{ dbt.date_spine('month', "date '2024-01-01'", "date '2024-06-01'") }}
),
weeks as (
    {{ dbt.date_spine('week', "date '2024-01-01'", "date '2024-02-01'") }}
),
hours as (
    {{ dbt.date_spine('hour', "timestamp '2024-01-01 00:00:00'", "timestamp '2024-01-02 00:00:00'") }}
),
backwards as (
    {{ dbt.date_spine('day', "date '2024-01-08'", "date '2024-01-01'") }}
)

select
    (select count(*) from days) as day_rows,
    (select cast(min(date_day) as date) from days) as first_day,
    (select cast(max(date_day) as date) from days) as last_day,
    (select count(distinct date_day) from days) as distinct_days,
    (select count(*) from months) as month_rows,
    (select list(cast(date_month as date) order by date_month) from months) as months,
    (select count(*) from weeks) as week_rows,
    (select count(*) from hours) as hour_rows,
    (select count(*) from backwards) as backwards_rows,
    {{ dbt.get_intervals_between("date '2024-01-01'", "date '2024-03-01'", 'month') }} as intervals_between
