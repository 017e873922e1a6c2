-- Genre popularity overall: ratings, raters, catalog size, mean rating, share of ratings.
-- A movie with several genres counts once in each. Aggregated from the per-user-genre and
-- per-movie states rather than from the ratings (20M ratings x ~2.5 genres would be 50M
-- rows with two distinct counts).
with per_genre_users as (
    select
        genre,
        cast(sum(rating_count) as bigint)       as ratings,
        count(*)                                as users,
        sum(rating_sum) / sum(rating_count)     as avg_rating
    from {{ ref('int_user_genre_stats') }}
    group by genre
),

per_genre_movies as (
    select
        g.genre,
        any_value(g.genre_family)                       as genre_family,
        count(*)                                        as catalog_movies,
        count(*) filter (where s.rating_count > 0)      as movies_rated
    from {{ ref('int_movie_genres') }} as g
    left join {{ ref('int_movie_rating_stats') }} as s using (movie_id)
    group by g.genre
),

total as (
    select sum(rating_count) as ratings from {{ ref('int_user_rating_stats') }}
)

select
    u.genre,
    m.genre_family,
    u.ratings,
    u.users,
    m.movies_rated,
    u.avg_rating,
    m.catalog_movies,
    u.ratings / t.ratings as share_of_ratings,
    rank() over (order by u.ratings desc) as popularity_rank
from per_genre_users as u
join per_genre_movies as m using (genre)
cross join total as t
