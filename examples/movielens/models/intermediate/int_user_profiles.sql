-- One row per user who rated: activity span, volume, tendency, favourite genre, tags.
-- From the per-user, per-user-genre and per-user-day aggregate states.
with ratings as (
    select
        user_id,
        {{ epoch_to_timestamp('first_rated_at_epoch') }}  as first_rated_at,
        {{ epoch_to_timestamp('last_rated_at_epoch') }}   as last_rated_at,
        rating_count,
        rating_sum / rating_count                          as avg_rating,
        case when rating_count > 1
            then sqrt(greatest(rating_count * rating_sumsq - rating_sum * rating_sum, 0) / (rating_count * (rating_count - 1)))
        end                                                as stddev_rating,
        {{ safe_ratio('half_star_count', 'rating_count') }} as half_star_share
    from {{ ref('int_user_rating_stats') }}
),

-- The favourite genre is the one the user over-indexes on most (their share of ratings in
-- it over everyone's share), among genres with at least 5 of their ratings; the most
-- rated genre would be Drama for nearly everyone.
genre_shares as (
    select genre, sum(rating_count) / sum(sum(rating_count)) over () as overall_share
    from {{ ref('int_user_genre_stats') }}
    group by genre
),

favourite as (
    select
        p.user_id,
        first(p.genre order by (p.rating_count >= 5) desc, p.rating_count / u.rating_count / s.overall_share desc, p.rating_count desc, p.genre) as favourite_genre
    from {{ ref('int_user_genre_stats') }} as p
    join {{ ref('int_user_rating_stats') }} as u using (user_id)
    join genre_shares as s using (genre)
    group by p.user_id
),

days as (
    -- sessions: how many days the user rated on, and their biggest single day
    select user_id, count(*) as active_days, max(ratings) as max_ratings_in_a_day
    from {{ ref('int_user_daily_activity') }}
    group by user_id
),

tags as (
    select user_id, count(*) as tag_count
    from {{ ref('stg_tags') }}
    group by user_id
)

select
    r.*,
    date_diff('day', r.first_rated_at, r.last_rated_at) as tenure_days,
    d.active_days,
    d.max_ratings_in_a_day,
    f.favourite_genre,
    coalesce(t.tag_count, 0) as tag_count
from ratings as r
join days as d using (user_id)
left join favourite as f using (user_id)
left join tags as t using (user_id)
