{{
    config(
        materialized='incremental',
        unique_key='user_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail'
    )
}}
-- One row per user: their genres as one string, most rated first
-- ("Drama:42|Comedy:30|..."), for exports and eyeballing, in the order of
-- fct_user_behaviour_genres' genre_rank (macros/user_genre_rank.sql). Incremental per
-- touched user, from the user x genre state for those users only. The order comes from
-- sorting a plain list of structs whose fields are the rank's sort keys (negated where the
-- rank sorts descending): a window or an ordered string_agg per user is several times
-- slower over millions of rows.
-- depends_on: {{ ref('int_user_rating_stats') }}
-- (read only on incremental runs, to find the touched users; a ref inside the is_incremental()
-- block alone is not seen when the project is parsed, so the run could start before it is updated)
with genres as (
    select g.user_id, g.genre, g.rating_count, g.rating_sum / g.rating_count as avg_rating, g.last_rated_at_epoch
    from {{ ref('int_user_genre_stats') }} as g
    {%- if is_incremental() %}
    -- the users who rated since the newest rating here (a literal read at compile time)
    semi join (
        select user_id from {{ ref('int_user_rating_stats') }}
        where {{ epoch_to_timestamp('last_rated_at_epoch') }} > '{{ state_watermark('last_rated_at', "timestamp '1900-01-01'") }}'::timestamp
    ) as touched using (user_id)
    {%- endif %}
),

profiles as (
    select
        user_id,
        count(*) as genres_rated,
        list_sort(list({'rating_count': -rating_count, 'avg_rating': -avg_rating, 'genre': genre})) as ranked,
        max(last_rated_at_epoch) as last_rated_at_epoch
    from genres
    group by user_id
)

select
    user_id,
    genres_rated,
    array_to_string(list_transform(ranked, x -> x.genre || ':' || cast(-x.rating_count as bigint)), '|') as genre_profile,
    ranked[1].genre                                                  as top_genre,
    ranked[2].genre                                                  as second_genre,
    ranked[3].genre                                                  as third_genre,
    {{ epoch_to_timestamp('last_rated_at_epoch') }}                   as last_rated_at
from profiles
