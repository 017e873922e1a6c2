-- Users with similar taste: cosine similarity of genre-preference vectors (how much a
-- user rates each genre above or below their own mean), compared pairwise among the
-- similar_users_pool most active users (all-pairs over every user is quadratic), top
-- similar_users_top_n per user.
--
-- Each pool user's preferences are one dense vector (a fixed genre order, 0 where the
-- user has no rating in a genre) plus a bitmask of the genres they rated: a pair is one
-- list_dot_product instead of a join and an aggregate over ~20 genre rows, and the sums
-- are computed in a fixed order, so the result is the same in every run (a parallel
-- sum() over the joined rows may differ in the last bits from run to run).
with pool as (
    select user_id
    from {{ ref('int_user_rating_stats') }}
    order by rating_count desc, user_id
    limit {{ var('similar_users_pool') }}
),

prefs as (
    select p.user_id, p.genre, p.preference
    from {{ ref('int_user_genre_preferences') }} as p
    semi join pool on pool.user_id = p.user_id
),

genres as (
    select genre, cast(row_number() over (order by genre) - 1 as integer) as genre_index
    from (select distinct genre from prefs)
),

vectors as (
    select
        pool.user_id,
        list(coalesce(p.preference, 0.0) order by g.genre_index)                       as preference_vector,
        sum(cast(1 as bigint) << g.genre_index) filter (where p.preference is not null) as rated_genres
    from pool
    cross join genres as g
    left join prefs as p on p.user_id = pool.user_id and p.genre = g.genre
    group by pool.user_id
),

norms as (
    select user_id, preference_vector, rated_genres, sqrt(list_dot_product(preference_vector, preference_vector)) as norm
    from vectors
),

scored as (
    select
        a.user_id                                                     as user_a,
        b.user_id                                                     as user_b,
        cast(bit_count(a.rated_genres & b.rated_genres) as bigint)   as shared_genres,
        list_dot_product(a.preference_vector, b.preference_vector) / (a.norm * b.norm) as similarity_score
    from norms as a
    join norms as b on a.user_id < b.user_id
    where a.rated_genres & b.rated_genres <> 0
      and a.norm > 0 and b.norm > 0
),

both_directions as (
    select user_a as user_id, user_b as similar_user_id, shared_genres, similarity_score from scored
    union all
    select user_b as user_id, user_a as similar_user_id, shared_genres, similarity_score from scored
),

-- the top similar_users_top_n per user as one bounded aggregate (max_by keeps n rows per
-- user in a heap) instead of ranking every pair with a window; the key orders by score,
-- then by the lower similar_user_id
top as (
    select
        user_id,
        max_by(
            {'similar_user_id': similar_user_id, 'shared_genres': shared_genres, 'similarity_score': similarity_score},
            {'score': similarity_score, 'id': -similar_user_id},
            {{ var('similar_users_top_n') }}) as neighbours
    from both_directions
    group by user_id
)

select
    user_id,
    neighbour.similar_user_id,
    neighbour.shared_genres,
    neighbour.similarity_score,
    cast(similarity_rank as bigint) as similarity_rank
from (
    select user_id, unnest(neighbours) as neighbour, generate_subscripts(neighbours, 1) as similarity_rank
    from top
)
