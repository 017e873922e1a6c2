-- Calendar from the first to the last rating day (bounds from the per-user state).
with bounds as (
    select
        cast({{ epoch_to_timestamp('min(first_rated_at_epoch)') }} as date) as first_day,
        cast({{ epoch_to_timestamp('max(last_rated_at_epoch)') }} as date)  as last_day
    from {{ ref('int_user_rating_stats') }}
),

days as (
    select cast(d as date) as date_day
    from bounds, range(bounds.first_day, bounds.last_day + interval 1 day, interval 1 day) as r(d)
)

select
    date_day,
    year(date_day)                        as year,
    quarter(date_day)                     as quarter,
    month(date_day)                       as month,
    monthname(date_day)                   as month_name,
    cast(date_trunc('month', date_day) as date) as month_start,
    cast(date_trunc('week', date_day) as date)  as week_start,
    isodow(date_day)                      as iso_weekday,
    dayname(date_day)                     as weekday_name,
    isodow(date_day) in (6, 7)            as is_weekend,
    case
        when month(date_day) in (12, 1, 2) then 'winter'
        when month(date_day) in (3, 4, 5) then 'spring'
        when month(date_day) in (6, 7, 8) then 'summer'
        else 'autumn'
    end                                   as season
from days
