-- Genres whose share of ratings lags their share of the catalog, with their growth:
-- ratings in the last 12 months of data vs the 12 months before (by day: the days after
-- the last rating day minus 12 months, and the 12 months before those). Growth potential =
-- under-represented, liked (mean above the global mean) and growing. From the genre x day
-- and per-user states.
with bounds as (
    select
        cast({{ epoch_to_timestamp('max(last_rated_at_epoch)') }} as date) as data_end,
        sum(rating_sum) / sum(rating_count)                                as global_avg
    from {{ ref('int_user_rating_stats') }}
),

recent as (
    select
        d.genre,
        cast(coalesce(sum(d.ratings) filter (where d.rated_date > b.data_end - interval 12 month), 0) as bigint) as ratings_last_12m,
        cast(coalesce(sum(d.ratings) filter (where d.rated_date <= b.data_end - interval 12 month
                                               and d.rated_date > b.data_end - interval 24 month), 0) as bigint) as ratings_prior_12m
    from {{ ref('int_genre_daily_ratings') }} as d
    cross join bounds as b
    group by d.genre
),

catalog_total as (select count(*) as movies from {{ ref('stg_movies') }})

select
    p.genre,
    p.genre_family,
    p.catalog_movies,
    p.catalog_movies / c.movies                       as share_of_catalog,
    p.share_of_ratings,
    p.share_of_ratings / (p.catalog_movies / c.movies) as representation_index,
    p.avg_rating,
    r.ratings_last_12m,
    r.ratings_prior_12m,
    {{ safe_ratio('r.ratings_last_12m - r.ratings_prior_12m', 'r.ratings_prior_12m') }} as growth_rate,
    p.share_of_ratings < p.catalog_movies / c.movies  as is_underrepresented,
    (p.share_of_ratings < p.catalog_movies / c.movies)
        and p.avg_rating > b.global_avg
        and r.ratings_last_12m > r.ratings_prior_12m  as has_growth_potential
from {{ ref('fct_genre_popularity') }} as p
join recent as r using (genre)
cross join catalog_total as c
cross join bounds as b
