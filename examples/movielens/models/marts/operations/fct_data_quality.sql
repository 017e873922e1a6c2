{{
    config(
        materialized='incremental',
        unique_key=['source_table', 'check_name'],
        incremental_strategy='delete+insert',
        on_schema_change='fail'
    )
}}
-- Missing or incomplete data, per source table and check: how many rows fail out of
-- how many were checked. Reads the raw tables (what was loaded), not staging.
--
-- Incremental: the raw ratings and tags only grow by appended files (strata load), so their
-- counts are the previous counts plus those of the rows appended since (DuckDB numbers a
-- table's rows in insertion order: rowid >= the rows already checked). The genome is
-- recounted only when its row count changed; movies and links are small and recounted
-- every run (as is 'never rated': no valid rating, per the per-movie rating statistics,
-- which cost a lookup of 26k movies instead of a read of every raw rating's movie id,
-- 0.3 CPU-s per run at 20M ratings; a raw rating with a null field is counted by the
-- ratings' own check, not as a rating of its movie). A change of the movies
-- (which the ratings and tags are checked against) recounts everything.
{%- set checks = [
    ('ratings', 'null user, movie, rating or timestamp', source('raw', 'ratings'),
        'userId is null or movieId is null or rating is null or "timestamp" is null'),
    ('ratings', 'rating outside 0.5..5.0 in half steps', source('raw', 'ratings'),
        'rating < 0.5 or rating > 5.0 or rating * 2 <> round(rating * 2)'),
    ('ratings', 'movie not in movies', source('raw', 'ratings'),
        'movieId not in (select movieId from ' ~ source('raw', 'movies') ~ ')'),
    ('movies', 'title without release year', source('raw', 'movies'),
        "not regexp_matches(trim(title), '\\((\\d{4})(?:[-–]\\d{0,4})?\\)$')"),
    ('movies', 'no genres listed', source('raw', 'movies'),
        "genres is null or genres = '(no genres listed)'"),
    ('movies', 'never rated', source('raw', 'movies'),
        'movieId not in (select movie_id from ' ~ ref('int_movie_rating_stats') ~ ')'),
    ('links', 'missing tmdbId', source('raw', 'links'), 'tmdbId is null'),
    ('links', 'missing imdbId', source('raw', 'links'), 'imdbId is null'),
    ('tags', 'empty tag', source('raw', 'tags'), "tag is null or trim(tag) = ''"),
    ('tags', 'untrimmed tag', source('raw', 'tags'), 'tag <> trim(tag)'),
    ('tags', 'movie not in movies', source('raw', 'tags'),
        'movieId not in (select movieId from ' ~ source('raw', 'movies') ~ ')'),
    ('genome_scores', 'relevance outside 0..1', source('raw', 'genome_scores'),
        'relevance < 0 or relevance > 1 or relevance is null'),
] -%}


{%- set streams = ['ratings', 'tags'] -%}
{%- set static = ['genome_scores'] -%}
{%- set checked = {} -%}
{%- set current = {} -%}
{%- if is_incremental() and execute -%}
    {%- for row in run_query('select source_table, max(checked_rows) from ' ~ this ~ ' group by source_table').rows -%}
        {%- do checked.update({row[0]: row[1]}) -%}
    {%- endfor -%}
    {%- set counts = run_query('select (select count(*) from ' ~ source('raw', 'movies') ~ '), (select count(*) from ' ~ source('raw', 'genome_scores') ~ ')').rows[0] -%}
    {%- do current.update({'movies': counts[0], 'genome_scores': counts[1]}) -%}
{%- endif -%}
{%- set incremental = is_incremental() and execute and checked.get('movies') == current.get('movies') -%}

{#- One scan per raw table: every check of a table is a filtered count in the same pass
    (three separate scans of 20M ratings cost three times as much). -#}
{%- set tables = [] -%}
{%- for c in checks -%}
    {%- if c[0] not in tables %}{% do tables.append(c[0]) %}{% endif -%}
{%- endfor %}

with results as (
{%- for table in tables %}
    {%- set table_checks = [] -%}
    {%- for c in checks if c[0] == table %}{% do table_checks.append(c) %}{% endfor %}
    {%- set counts -%}
        select
            [{% for c in table_checks %}'{{ c[1] }}'{{ ", " if not loop.last }}{% endfor %}] as check_names,
            count(*) as checked_rows,
            [{% for c in table_checks %}count(*) filter (where {{ c[3] }}){{ ", " if not loop.last }}{% endfor %}] as failing_counts
        from {{ table_checks[0][2] }}
    {%- endset %}
    {%- if incremental and table in static and checked.get(table) == current.get(table) %}
    -- unchanged since the last build
    select source_table, check_name, checked_rows, failing_rows
    from {{ this }}
    where source_table = '{{ table }}' and check_name <> 'genome files absent (dataset without genome)'
    {%- elif incremental and table in streams and checked.get(table) is not none %}
    -- the previous counts plus the appended rows'
    select o.source_table, o.check_name, o.checked_rows + n.checked_rows as checked_rows, o.failing_rows + n.failing_rows as failing_rows
    from (
        select unnest(check_names) as check_name, checked_rows, unnest(failing_counts) as failing_rows
        from ({{ counts }} where rowid >= {{ checked.get(table) }})
    ) as n
    join {{ this }} as o on o.source_table = '{{ table }}' and o.check_name = n.check_name
    {%- else %}
    select
        '{{ table }}'          as source_table,
        unnest(check_names)    as check_name,
        checked_rows,
        unnest(failing_counts) as failing_rows
    from ({{ counts }})
    {%- endif %}
    union all
{%- endfor %}
    select
        'genome_scores', 'genome files absent (dataset without genome)',
        1, case when count(*) = 0 then 1 else 0 end
    from {{ source('raw', 'genome_scores') }}
)

select
    source_table,
    check_name,
    checked_rows,
    failing_rows,
    {{ safe_ratio('failing_rows', 'checked_rows') }} as failing_share
from results
