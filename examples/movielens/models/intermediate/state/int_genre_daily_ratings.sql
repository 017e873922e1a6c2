{{
    config(
        materialized='incremental',
        unique_key=['genre', 'rated_date'],
        incremental_strategy='replace_by_rowid',
        on_schema_change='ignore',
        post_hook="{{ delete_empty_keys('ratings') }}"
    )
}}
-- Aggregate state per genre and day: ratings (a movie counts in each of its genres); the
-- 12-month growth of fct_underrepresented_genres derives from it. Merged per touched key.
{{ rating_state(
    keys=[('genre', 'g.genre'), ('rated_date', 'cast(r.rated_at as date)')],
    measures=[('ratings', 'count(*)', 'cast(sum(sign) as bigint)')],
    joins="join " ~ ref('int_movie_genres') ~ " as g on g.movie_id = r.movie_id"
    , first_rating=false
    , recount_since='day'
) }}
