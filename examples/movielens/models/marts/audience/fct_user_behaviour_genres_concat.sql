{{
    config(
        materialized='incremental',
        unique_key='user_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail'
    )
}}
-- One row per user: their genres as one string, most rated first
-- ("Drama:42|Comedy:30|..."), for exports and eyeballing. Incremental per touched user,
-- ranked from int_user_genre_preferences for those users only (the ranking of
-- fct_user_behaviour_genres, a view: filtering the view would rank every user first).
-- The profile is built by sorting a plain list of (rank, text) structs: an ordered
-- string_agg sorts per group and is many times slower over millions of rows.
with ranked as (
    select p.*, {{ user_genre_rank() }} as genre_rank
    from {{ ref('int_user_genre_preferences') }} as p
    {%- if is_incremental() %}
    -- the users who rated since the newest rating here (a literal read at compile time)
    semi join (
        select user_id from {{ ref('int_user_rating_stats') }}
        where {{ epoch_to_timestamp('last_rated_at_epoch') }} > '{{ state_watermark('last_rated_at', "timestamp '1900-01-01'") }}'::timestamp
    ) as touched using (user_id)
    {%- endif %}
)

select
    user_id,
    count(*)                                                         as genres_rated,
    array_to_string(
        list_transform(list_sort(list({'genre_rank': genre_rank, 'entry': genre || ':' || rating_count})), x -> x.entry),
        '|')                                                         as genre_profile,
    max(case when genre_rank = 1 then genre end)                     as top_genre,
    max(case when genre_rank = 2 then genre end)                     as second_genre,
    max(case when genre_rank = 3 then genre end)                     as third_genre,
    max(last_rated_at)                                               as last_rated_at
from ranked
group by user_id
