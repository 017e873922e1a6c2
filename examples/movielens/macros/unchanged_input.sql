{#- True on an incremental run when `probe` (a query returning one boolean) says the
    model's input has not changed since it was built: the model then selects nothing and
    its build is a no-op. Used by models over sources that rarely change (the genome),
    where comparing row counts (DuckDB keeps them in its metadata) costs milliseconds and
    rebuilding costs seconds. At parse time (execute is false) nothing is queried. -#}
{% macro input_unchanged(probe) -%}
    {%- if not is_incremental() or not execute -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set result = run_query(probe) -%}
    {{ return(result.rows[0][0] == true) }}
{%- endmacro %}

{#- A fingerprint of the movie catalog as loaded: every raw row of movies and links hashed
    and summed (order-free; ~10 ms at 27k movies). int_movie_attributes stores it with each
    row to tell whether it is current. DuckDB's hash() may change between DuckDB versions:
    the table is then rebuilt once. -#}
{% macro movie_catalog_fingerprint() -%}
    ((select coalesce(sum(hash(movieId, title, genres)), 0) from {{ source('raw', 'movies') }})
     + (select coalesce(sum(hash(movieId, imdbId, tmdbId)), 0) from {{ source('raw', 'links') }}))
{%- endmacro %}

{#- True on an incremental run of int_movie_attributes when the catalog's fingerprint is the
    one its rows were built from (its model SQL and its pre-hook both ask). -#}
{% macro movie_attributes_unchanged() -%}
    {{ return(input_unchanged('select (select max(catalog_fingerprint) from ' ~ this ~ ') = ' ~ movie_catalog_fingerprint())) }}
{%- endmacro %}
