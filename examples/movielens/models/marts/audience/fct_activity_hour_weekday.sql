-- Ratings by hour of day (UTC) x day of week: the activity heatmap. From the
-- user x weekday x hour state (distinct users per cell are its rows).
select
    iso_weekday,
    ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][iso_weekday] as weekday_name,
    hour_of_day,
    cast(sum(ratings) as bigint)              as ratings,
    count(*)                                  as users,
    sum(rating_sum) / sum(ratings)            as avg_rating,
    sum(ratings) / sum(sum(ratings)) over ()  as share_of_ratings
from {{ ref('int_user_hour_weekday') }}
group by iso_weekday, hour_of_day
