{{ config(materialized='view') }}
-- A user's taste per genre: how much of their rating they give to it and how they rate
-- it relative to their own mean (a positive preference = rates the genre above their
-- average). The basis of behaviour marts, segments and similar users. A view over the two
-- aggregate states (user x genre, user): the marts that need it per user are incremental
-- per touched user, the others aggregate it once.
select
    g.user_id,
    g.genre,
    g.rating_count,
    g.rating_sum / g.rating_count                               as avg_rating,
    g.rating_sum / g.rating_count - u.rating_sum / u.rating_count as preference,
    g.rating_count / u.rating_count                             as share_of_user_ratings,
    {{ epoch_to_timestamp('g.last_rated_at_epoch') }}           as last_rated_at
from {{ ref('int_user_genre_stats') }} as g
join {{ ref('int_user_rating_stats') }} as u using (user_id)
