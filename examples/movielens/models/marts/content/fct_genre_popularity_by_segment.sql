-- Genre popularity within each user segment (dim_user_segments.segment), from the
-- user x genre state (exact sums of half stars: the same value in any order).
with per_segment as (
    select
        s.segment,
        p.genre,
        sum(p.rating_count)                                       as ratings,
        count(*)                                                  as users,
        sum(p.rating_sum) / sum(p.rating_count)                   as avg_rating
    from {{ ref('int_user_genre_stats') }} as p
    join {{ ref('dim_user_segments') }} as s using (user_id)
    group by s.segment, p.genre
)

select
    *,
    ratings / sum(ratings) over (partition by segment) as share_in_segment,
    rank() over (partition by segment order by ratings desc) as rank_in_segment
from per_segment
