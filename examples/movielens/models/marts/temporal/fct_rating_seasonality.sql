-- Seasonal trends: per calendar month (1-12), ratings per month averaged over the years,
-- as an index against the average month (1.0 = typical; 1.2 = 20% busier).
with monthly as (
    select month_start, ratings, avg_rating
    from {{ ref('fct_ratings_monthly') }}
),

per_month_of_year as (
    select
        month(month_start)   as month_of_year,
        monthname(month_start) as month_name,
        count(*)             as years_observed,
        avg(ratings)         as avg_ratings,
        {{ exact_avg('avg_rating') }} as avg_rating
    from monthly
    group by 1, 2
)

select
    *,
    -- over exact decimals: the same value whatever the order of the rows
    avg_ratings / cast(avg(cast(avg_ratings as decimal(38, 12))) over () as double) as seasonal_index
from per_month_of_year
