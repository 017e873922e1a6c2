{#- A genre's rank among a user's genres: most rated first, then the better rated, then by
    name. Over rows with user_id, genre, rating_count and avg_rating (fct_user_behaviour_genres;
    fct_user_behaviour_genres_concat sorts by the same keys as struct fields, and the e2e
    checks the two orders agree). -#}
{% macro user_genre_rank() -%}
    row_number() over (partition by user_id order by rating_count desc, avg_rating desc, genre)
{%- endmacro %}
