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
-- sorting a list of structs whose fields are the rank's sort keys (negated where the rank
-- sorts descending), the genre as its position in the sorted genre names: a window, an
-- ordered aggregate, or a list holding the names is several times slower (1.1 -> 0.4 CPU-s
-- for a 1% batch at 20M ratings).
-- depends_on: {{ ref('int_user_rating_stats') }}
-- (read only on incremental runs, to find the touched users; a ref inside the is_incremental()
-- block alone is not seen when the project is parsed, so the run could start before it is updated)
with genre_codes as (
    select genre, row_number() over (order by genre) as code
    from (select distinct genre from {{ ref('int_movie_genres') }})
),

genre_names as (
    select list(genre order by code) as names from genre_codes
),

genres as (
    select g.user_id, c.code, g.rating_count, g.rating_sum / g.rating_count as avg_rating, g.last_rated_at_epoch
    from {{ ref('int_user_genre_stats') }} as g
    {%- if is_incremental() %}
    -- the users who rated since the newest rating here (a literal read at compile time)
    semi join (
        select user_id from {{ ref('int_user_rating_stats') }}
        where {{ epoch_to_timestamp('last_rated_at_epoch') }} > '{{ state_watermark('last_rated_at', "timestamp '1900-01-01'") }}'::timestamp
    ) as touched using (user_id)
    {%- endif %}
    join genre_codes as c using (genre)
),

profiles as (
    select
        user_id,
        count(*) as genres_rated,
        list_sort(list({'rating_count': -rating_count, 'avg_rating': -avg_rating, 'code': code})) as ranked,
        max(last_rated_at_epoch) as last_rated_at_epoch
    from genres
    group by user_id
)

select
    p.user_id,
    p.genres_rated,
    array_to_string(list_transform(p.ranked, x -> n.names[x.code] || ':' || cast(-x.rating_count as bigint)), '|') as genre_profile,
    n.names[p.ranked[1].code]                                        as top_genre,
    n.names[p.ranked[2].code]                                        as second_genre,
    n.names[p.ranked[3].code]                                        as third_genre,
    {{ epoch_to_timestamp('p.last_rated_at_epoch') }}                 as last_rated_at
from profiles as p
cross join genre_names as n
