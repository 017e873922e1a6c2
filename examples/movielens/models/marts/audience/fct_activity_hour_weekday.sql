-- Ratings by hour of day (UTC) x day of week: the activity heatmap. The state
-- int_user_hour_weekday keeps per cell and block of user ids the ratings, their sum and the
-- set of users (disjoint between blocks): this reads its rows (1,512 at 20M ratings).
select
    iso_weekday,
    ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][iso_weekday] as weekday_name,
    hour_of_day,
    cast(sum(ratings) as bigint)              as ratings,
    cast(sum(bit_count(user_set)) as bigint)  as users,
    sum(rating_sum) / sum(ratings)            as avg_rating,
    sum(ratings) / sum(sum(ratings)) over ()  as share_of_ratings
from {{ ref('int_user_hour_weekday') }}
group by iso_weekday, hour_of_day
