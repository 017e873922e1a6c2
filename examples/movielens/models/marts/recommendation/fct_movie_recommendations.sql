-- Movies to promote: Bayesian weighted rating (see macros/bayesian_average.sql) and the
-- category from seeds/recommendation_categories.csv (the first band, by priority, whose
-- minimum weighted rating and minimum rating count the movie meets). The bands are one
-- list, filtered per movie: a join of every movie with every band it meets, ranked per
-- movie, cost twice as much.
with bands as (
    select list({'category': category, 'priority': priority, 'min_rating': min_weighted_rating, 'min_count': min_ratings}
                order by priority nulls last) as bands
    from {{ ref('recommendation_categories') }}
),

categorised as (
    select
        i.*,
        list_filter(b.bands, x -> i.weighted_rating >= x.min_rating and i.rating_count >= x.min_count)[1] as band
    from {{ ref('int_recommendation_inputs') }} as i
    cross join bands as b
)

select
    movie_id,
    title,
    display_title,
    release_year,
    genres,
    primary_genre,
    rating_count,
    avg_rating,
    weighted_rating,
    global_avg_rating,
    liked_share,
    coalesce(band.category, 'Uncategorised') as category,
    band.priority as category_priority,
    rank() over (order by weighted_rating desc, movie_id) as recommendation_rank
from categorised
