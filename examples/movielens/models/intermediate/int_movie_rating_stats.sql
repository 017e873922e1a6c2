-- Per-movie rating statistics, derived from the per-movie star-value state
-- (int_movie_rating_values, ~10 rows per movie) rather than from the ratings fact: count,
-- sum (for exact weighted means downstream), mean, sample standard deviation (from the
-- sums of squares; ratings are half stars, so the sums are exact), median (from the
-- cumulative counts: the mean of the two middle values, as median() does), liked and
-- disliked counts and shares, first and last rating.
with values_with_position as (
    select
        movie_id,
        rating,
        ratings,
        first_rated_at_epoch,
        last_rated_at_epoch,
        sum(ratings) over (partition by movie_id order by rating) as cumulative,
        sum(ratings) over (partition by movie_id)                 as total
    from {{ ref('int_movie_rating_values') }}
),

per_movie as (
    select
        movie_id,
        cast(sum(ratings) as bigint)                                 as rating_count,
        sum(rating * ratings)                                        as rating_sum,
        sum(rating * rating * ratings)                               as rating_sumsq,
        -- median: the values at 0-based positions floor((n-1)/2) and floor(n/2)
        (min(rating) filter (where cumulative > (total - 1) // 2)
            + min(rating) filter (where cumulative > total // 2)) / 2 as median_rating,
        min(first_rated_at_epoch)                                    as first_rated_at_epoch,
        max(last_rated_at_epoch)                                     as last_rated_at_epoch,
        cast(coalesce(sum(ratings) filter (where rating >= {{ var('liked_rating_threshold') }}), 0) as bigint) as liked_count,
        cast(coalesce(sum(ratings) filter (where rating <= 2.0), 0) as bigint) as disliked_count
    from values_with_position
    group by movie_id
)

select
    movie_id,
    rating_count,
    rating_sum,
    rating_sum / rating_count                                          as avg_rating,
    case when rating_count > 1
        then sqrt(greatest(rating_count * rating_sumsq - rating_sum * rating_sum, 0) / (rating_count * (rating_count - 1)))
    end                                                                as stddev_rating,
    median_rating,
    {{ epoch_to_timestamp('first_rated_at_epoch') }}                   as first_rated_at,
    {{ epoch_to_timestamp('last_rated_at_epoch') }}                    as last_rated_at,
    liked_count,
    disliked_count,
    {{ safe_ratio('liked_count', 'rating_count') }}                    as liked_share,
    {{ safe_ratio('disliked_count', 'rating_count') }}                 as disliked_share
from per_movie
