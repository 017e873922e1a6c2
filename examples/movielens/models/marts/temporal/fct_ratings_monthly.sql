-- How ratings evolved: per calendar month, volume, active and new users, movies rated,
-- mean rating, half-star share and the running total. From the per-user-day,
-- per-movie-month and per-user states.
with user_months as (
    select
        user_id,
        cast(date_trunc('month', activity_date) as date) as month_start,
        sum(ratings)         as ratings,
        sum(rating_sum)      as rating_sum,
        sum(half_star_count) as half_star_count
    from {{ ref('int_user_daily_activity') }}
    group by 1, 2
),

monthly as (
    select
        month_start,
        cast(sum(ratings) as bigint)                       as ratings,
        count(*)                                           as active_users,
        sum(rating_sum) / sum(ratings)                     as avg_rating,
        {{ safe_ratio('sum(half_star_count)', 'sum(ratings)') }} as half_star_share
    from user_months
    group by month_start
),

movies as (
    select month_start, count(*) as movies_rated
    from {{ ref('int_movie_monthly_ratings') }}
    group by month_start
),

new_users as (
    select cast(date_trunc('month', {{ epoch_to_timestamp('first_rated_at_epoch') }}) as date) as month_start, count(*) as new_users
    from {{ ref('int_user_rating_stats') }}
    group by 1
)

select
    m.month_start,
    m.ratings,
    m.active_users,
    v.movies_rated,
    m.avg_rating,
    m.half_star_share,
    coalesce(n.new_users, 0) as new_users,
    sum(m.ratings) over (order by m.month_start) as cumulative_ratings
from monthly as m
join movies as v using (month_start)
left join new_users as n using (month_start)
