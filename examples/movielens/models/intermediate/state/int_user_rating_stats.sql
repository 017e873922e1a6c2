{{
    config(
        materialized='incremental',
        unique_key='user_id',
        incremental_strategy='replace_by_rowid',
        on_schema_change='ignore',
        post_hook="{{ delete_empty_keys('rating_count') }}"
    )
}}
-- Aggregate state per user: count, sum and sum of squares of their ratings (mean and
-- standard deviation derive exactly: ratings are half stars, so the sums are exact in
-- doubles), half-star ratings, first and last rating. Merged per touched user.
{{ rating_state(
    keys=[('user_id', 'r.user_id')],
    measures=[
        ('rating_count', 'count(*)', 'cast(sum(sign) as bigint)'),
        ('rating_sum', 'sum(r.rating)', 'sum(sign * r.rating)'),
        ('rating_sumsq', 'sum(r.rating * r.rating)', 'sum(sign * r.rating * r.rating)'),
        ('half_star_count', 'count(*) filter (where r.rating * 2 % 2 = 1)', 'cast(coalesce(sum(sign) filter (where r.rating * 2 % 2 = 1), 0) as bigint)'),
    ]
    , recount_since='lost'
) }}
