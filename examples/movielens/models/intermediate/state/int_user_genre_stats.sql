{{
    config(
        materialized='incremental',
        unique_key=['user_id', 'genre'],
        incremental_strategy='replace_by_rowid',
        on_schema_change='ignore',
        post_hook="{{ delete_empty_keys('rating_count') }}"
    )
}}
-- Aggregate state per user and genre (a movie counts in each of its genres): count and
-- sum of the ratings. The basis of genre preferences, behaviour marts and genre
-- popularity. Merged per touched (user, genre).
{{ rating_state(
    keys=[('user_id', 'r.user_id'), ('genre', 'g.genre')],
    measures=[
        ('rating_count', 'count(*)', 'cast(sum(sign) as bigint)'),
        ('rating_sum', 'sum(r.rating)', 'sum(sign * r.rating)'),
    ],
    joins="join " ~ ref('int_movie_genres') ~ " as g on g.movie_id = r.movie_id"
    , first_rating=false
    , recount_since='lost'
) }}
