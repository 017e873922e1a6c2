{%- set cutoff = similarity_cutoff() -%}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{% if is_incremental() %}delete from {{ this }} where trained_before <> {{ epoch_to_timestamp(similarity_cutoff()) }}{% endif %}",
        post_hook="{% if is_incremental() %}update {{ this }} as s set similar_title = m.display_title from {{ ref('dim_movies') }} as m where m.movie_id = s.similar_movie_id and s.similar_title is distinct from m.display_title{% endif %}"
    )
}}
-- "Users who liked this also liked": for each movie its top similar movies by co-ratings.
--
-- similarity_score is the cosine (Ochiai) coefficient of the two movies' "liked" sets
-- (rating >= liked_rating_threshold): co_likers / sqrt(likers_a * likers_b). It rewards
-- movies liked by the same people, normalised so that blockbusters do not top every
-- list just by being liked by everyone. co_raters counts the users who rated both.
--
-- Cost: the self-join produces, per user, k^2 / 2 pairs for k rated movies. To keep 20M
-- ratings feasible on a laptop it is bounded by vars (dbt_project.yml): only the
-- similarity_max_movies most-rated movies with at least recommendation_min_ratings
-- ratings take part, each user contributes their similarity_ratings_per_user most recent
-- ratings of those, and a pair needs similarity_min_co_likers co-likers.
--
-- Refresh: like most recommenders this is trained on a snapshot, here the ratings given
-- before the first day of the latest month of data (var similarity_trained_on:
-- 'previous_months'; 'all' trains on every rating). The snapshot is exact: the latest
-- rating of each (user, movie) before that day, also for pairs re-rated since. So the
-- model only changes when the data enters a new month: an incremental build compares
-- trained_before with the month of the newest rating and is a no-op (0 rows, milliseconds)
-- until then; when the month moves, the pre-hook removes the old snapshot and the
-- similarities are computed again (as a full refresh does). The titles are the catalog's,
-- not the snapshot's: the post-hook updates those the catalog has changed since (none in
-- most runs; a join of 20k rows with the movies).
{%- set unchanged = input_unchanged(
    'select (select max(trained_before) from ' ~ this ~ ') = ' ~ epoch_to_timestamp(cutoff)) %}
{% if unchanged %}
-- the snapshot month has not moved: nothing to recompute
select * from {{ this }} where false
{% else %}
with as_of as (
    -- the snapshot: every current rating given before the cutoff ...
    select user_id, movie_id, rating, rated_at_epoch
    from {{ ref('fct_ratings') }}
    where rated_at_epoch < {{ cutoff }}
    union all
    -- ... and, for pairs re-rated since, their latest rating before it
    select s.user_id, s.movie_id, s.rating, s.rated_at_epoch
    from {{ ref('stg_ratings') }} as s
    semi join (
        select user_id, movie_id from {{ ref('fct_ratings') }} where rated_at_epoch >= {{ cutoff }}
    ) as rerated on rerated.user_id = s.user_id and rerated.movie_id = s.movie_id
    where s.rated_at_epoch < {{ cutoff }}
    {{ top_n_per_group('s.user_id, s.movie_id', 's.rated_at_epoch desc, s.rating desc', 1) }}
),

eligible_movies as (
    select movie_id
    from as_of
    group by movie_id
    having count(*) >= {{ var('recommendation_min_ratings') }}
    order by count(*) desc, movie_id
    limit {{ var('similarity_max_movies') }}
),

sampled as (
    select
        r.user_id,
        r.movie_id,
        r.rating >= {{ var('liked_rating_threshold') }} as liked
    from as_of as r
    semi join eligible_movies as e on e.movie_id = r.movie_id
    {{ top_n_per_group('r.user_id', 'r.rated_at_epoch desc, r.movie_id', var('similarity_ratings_per_user')) }}
),

likers as (
    select movie_id, count(*) filter (where liked) as likers
    from sampled
    group by movie_id
),

pairs as (
    select
        a.movie_id                                     as movie_a,
        b.movie_id                                     as movie_b,
        count(*)                                       as co_raters,
        count(*) filter (where a.liked and b.liked)    as co_likers
    from sampled as a
    join sampled as b on a.user_id = b.user_id and a.movie_id < b.movie_id
    group by a.movie_id, b.movie_id
    having count(*) filter (where a.liked and b.liked) >= {{ var('similarity_min_co_likers') }}
),

scored as (
    select
        p.movie_a,
        p.movie_b,
        p.co_raters,
        p.co_likers,
        p.co_likers / sqrt(la.likers * lb.likers) as similarity_score
    from pairs as p
    join likers as la on la.movie_id = p.movie_a
    join likers as lb on lb.movie_id = p.movie_b
),

both_directions as (
    select movie_a as movie_id, movie_b as similar_movie_id, co_raters, co_likers, similarity_score from scored
    union all
    select movie_b as movie_id, movie_a as similar_movie_id, co_raters, co_likers, similarity_score from scored
)

select
    s.movie_id,
    s.similar_movie_id,
    m.display_title as similar_title,
    s.co_raters,
    s.co_likers,
    s.similarity_score,
    row_number() over (partition by s.movie_id order by s.similarity_score desc, s.co_likers desc, s.similar_movie_id) as similarity_rank,
    {{ epoch_to_timestamp(cutoff) }} as trained_before
from both_directions as s
join {{ ref('dim_movies') }} as m on m.movie_id = s.similar_movie_id
{{ top_n_per_group('s.movie_id', 's.similarity_score desc, s.co_likers desc, s.similar_movie_id', var('similarity_top_n')) }}
{% endif %}
