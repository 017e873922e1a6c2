-- datediff against definitions computed independently, for every ordered pair of dates in
-- a 50-day window: week counts the Sundays crossed (signed), month/quarter/year the
-- calendar boundaries, day the difference in days.
with days as (
    select cast(range as date) as d
    from range(date '2024-02-20', date '2024-04-10', interval 1 day)
),

pairs as (
    select a.d as a, b.d as b from days as a cross join days as b
),

checked as (
    select
        a,
        b,
        case
            when a <= b then (select count(*) from days where d > a and d <= b and dayofweek(d) = 0)
            else -(select count(*) from days where d > b and d <= a and dayofweek(d) = 0)
        end as expected_week,
        {{ dbt.datediff('a', 'b', 'week') }} as actual_week,
        (year(b) * 12 + month(b)) - (year(a) * 12 + month(a)) as expected_month,
        {{ dbt.datediff('a', 'b', 'month') }} as actual_month,
        (year(b) * 4 + quarter(b)) - (year(a) * 4 + quarter(a)) as expected_quarter,
        {{ dbt.datediff('a', 'b', 'quarter') }} as actual_quarter,
        b - a as expected_day,
        {{ dbt.datediff('a', 'b', 'day') }} as actual_day
    from pairs
)

select
    count(*) as pairs,
    count(*) filter (where expected_week <> actual_week) as week_mismatches,
    count(*) filter (where expected_month <> actual_month) as month_mismatches,
    count(*) filter (where expected_quarter <> actual_quarter) as quarter_mismatches,
    count(*) filter (where expected_day <> actual_day) as day_mismatches,
    min(actual_week) as min_week,
    max(actual_week) as max_week
from checked
