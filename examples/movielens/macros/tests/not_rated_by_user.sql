{#- Recommendation candidates (user_id, movie_id) the user has already rated in `ratings`.
    A generic test (it replaced a singular one) so that a `where` can restrict it to the
    users recomputed by an incremental run. -#}
{% test not_rated_by_user(model, ratings) %}
with candidates as (
    select user_id, movie_id from {{ model }}
)

select c.user_id, c.movie_id
from candidates as c
semi join {{ ratings }} as r on r.user_id = c.user_id and r.movie_id = c.movie_id
{% endtest %}
