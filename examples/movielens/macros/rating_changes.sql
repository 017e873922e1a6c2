{#- Incremental aggregate state over the ratings stream.

    rating_changes(watermark): the changes to fct_ratings (latest rating per user and movie)
    that a state model has not absorbed yet, as signed rows
        sign, user_id, movie_id, rating, rated_at_epoch, rated_at
    +1: a rating of fct_ratings given after the watermark (the state's newest rating);
    -1: the rating it replaced (fct_ratings.previous_rating), for a re-rated pair.
    New batches carry later timestamps than everything loaded before (movielens-gen
    --after, and any append-mostly event stream), so "after the state's newest rating" is
    exactly "not absorbed yet". A replaced rating newer than the watermark was never
    absorbed (the state missed a run): the query fails and asks for a full refresh (unless
    additive=false: a state that recomputes what the changes touch may see them twice). -#}
{% macro rating_changes(watermark, additive=true) -%}
(
    with changed as (
        select user_id, movie_id, rating, rated_at_epoch, rated_at, previous_rating, previous_rated_at_epoch
        from {{ ref('fct_ratings') }}
        where rated_at_epoch > {{ watermark }}
    )

    select 1 as sign, user_id, movie_id, rating, rated_at_epoch, rated_at
    from changed
    union all
    select
        -1,
        user_id,
        movie_id,
        previous_rating,
        {%- if additive %}
        case when previous_rated_at_epoch > {{ watermark }}
            then error('{{ this }} missed an incremental run of fct_ratings: rebuild it with --full-refresh')
            else previous_rated_at_epoch
        end,
        {%- else %}
        previous_rated_at_epoch,
        {%- endif %}
        {{ epoch_to_timestamp('previous_rated_at_epoch') }}
    from changed
    where previous_rating is not null
)
{%- endmacro %}

{#- The newest rating a state model has absorbed (its column `column` holds each key's
    newest rating time, in epoch seconds). Read when the model is compiled and written as a
    literal: DuckDB then prunes the scan of the ratings to the row groups of the new batch
    (zone maps), where a subquery would make it read and convert every rating. -#}
{% macro state_watermark(column='last_rated_at_epoch', empty='-1') -%}
    {%- if execute -%}
        {{- newest_value(this, column, empty) -}}
    {%- else -%}
        (select coalesce(max({{ column }}), {{ empty }}) from {{ this }})
    {%- endif -%}
{%- endmacro %}

{#- The newest non-null value of `column` in `relation`, read with run_query (none when
    there is none, or the SQL expression `empty`'s value). Read as a top 1 rather than
    max(): DuckDB then pushes the best value so far into the scan as a filter and skips the
    row groups that cannot beat it (1.0 s -> 0.07 s on the 20M-row stg_ratings view, whose
    max() reads and casts every row). Used for watermarks and the tests' bounds
    (macros/tests/get_where_subquery.sql). -#}
{% macro newest_value(relation, column, empty=none) -%}
    {%- set newest = 'select ' ~ column ~ ' from ' ~ relation ~ ' where ' ~ column ~ ' is not null order by ' ~ column ~ ' desc limit 1' -%}
    {%- set sql = 'select coalesce((' ~ newest ~ '), ' ~ empty ~ ')' if empty is not none else newest -%}
    {%- set rows = run_query(sql).rows -%}
    {{- return(rows[0][0] if rows | length > 0 else none) -}}
{%- endmacro %}

{#- The earliest rating time that a rating of fct_ratings after `watermark` replaced (a
    re-rating's previous_rated_at_epoch), or none when none did: then rating_changes has
    no -1 rows, and no pair of its +1 rows was in fct_ratings before, so a state compiles
    its re-rating paths out. Read at compile time; the filter prunes to the new row groups. -#}
{% macro earliest_replaced(watermark) -%}
    {{- return(run_query('select min(previous_rated_at_epoch) from ' ~ ref('fct_ratings')
        ~ ' where rated_at_epoch > ' ~ watermark ~ ' and previous_rating is not null').rows[0][0]) -}}
{%- endmacro %}

{#- Post-hook of a state model whose keys can lose their last rating (a re-rating moves a
    rating to another key): a key whose count fell to zero is gone, as in a full refresh. -#}
{% macro delete_empty_keys(count_column) -%}
{% if is_incremental() %}delete from {{ this }} where {{ count_column }} = 0{% endif %}
{%- endmacro %}

{#- The body of a state model: one row per key with additive measures and the first and
    last rating time, over fct_ratings (alias r; `joins` may add tables keyed off it).
      keys:     [(name, expression), ...]              e.g. ('movie_id', 'r.movie_id')
      measures: [(name, full aggregate, delta aggregate), ...]
      first_rating: whether to keep the first rating's time too (the last one is kept
                always: it is the state's watermark)
                delta aggregates read the signed changes (column `sign`), e.g.
                ('ratings', 'count(*)', 'sum(sign)'), ('rating_sum', 'sum(r.rating)', 'sum(sign * r.rating)')
    Full refresh: aggregate fct_ratings. Incremental: old row + aggregate of the changes.
    The measures are sums, so a rating lost to a re-rating is subtracted; only the first
    and last rating times cannot be: a key whose lost rating was its first (or last) one,
    with no added rating before (after) it, is recounted from fct_ratings, and a key left
    without ratings gets a zero row that replaces the old one and is deleted by
    delete_empty_keys. Each row names the row it replaces here (replaced_rowid).
      recount_since: which ratings a recount can need, so that its scan of fct_ratings is
                bounded by a literal (DuckDB then skips the row groups before it):
                'day' / 'month': keys bucketed by the rating's day / month (the buckets
                from that of the earliest lost rating on); 'lost': keys a re-rating always
                lands in again, with a later rating (user, user x genre), so only a lost
                first rating is recounted, from the earliest lost rating on; none: all.
    order_by: the full refresh's row order; a state keyed by time ordered by it keeps a
    batch's keys in the last row groups, where finding and deleting the rows they replace
    skips the rest by min/max. The model's config: incremental, strategy replace_by_rowid
    (macros/replace_by_rowid.sql), on_schema_change ignore, unique_key the key names,
    post_hook delete_empty_keys. -#}
{% macro rating_state(keys, measures, joins='', first_rating=true, order_by=none, recount_since=none) -%}
{%- if recount_since not in [none, 'day', 'month', 'lost'] -%}
    {{- exceptions.raise_compiler_error("rating_state: recount_since is " ~ recount_since
        ~ "; use 'day', 'month', 'lost' or leave it out (see macros/rating_changes.sql)") -}}
{%- endif -%}
{%- set key_columns -%}
    {%- for k in keys %}
        {{ k[1] }} as {{ k[0] }},
    {%- endfor %}
{%- endset -%}
{%- set full_select -%}
    select
        {{- key_columns }}
        {%- for m in measures %}
        {{ m[1] }} as {{ m[0] }},
        {%- endfor %}
        {%- if first_rating %}
        min(r.rated_at_epoch) as first_rated_at_epoch,
        {%- endif %}
        max(r.rated_at_epoch) as last_rated_at_epoch
    from {{ ref('fct_ratings') }} as r
    {{ joins }}
{%- endset -%}
{%- set group_by -%}
    group by {% for k in keys %}{{ k[1] }}{{ ', ' if not loop.last }}{% endfor %}
{%- endset -%}
{%- set key_list -%}
    {% for k in keys %}{{ k[0] }}{{ ', ' if not loop.last }}{% endfor %}
{%- endset -%}
{% if is_incremental() %}
{%- set watermark = state_watermark() %}
{%- set recount_bound = none %}
{%- set nothing_lost = false %}
{%- if execute %}
    {#- the earliest rating the changes replace, read at compile time like the watermark;
        none (the first batch after a full refresh, and most others) compiles the recount
        out: its join cost 0.09 s at 20M ratings for int_user_genre_stats alone -#}
    {%- set earliest_lost = earliest_replaced(watermark) %}
    {%- set nothing_lost = earliest_lost is none %}
    {%- if not nothing_lost and recount_since == 'lost' %}
        {%- set recount_bound = earliest_lost %}
    {%- elif not nothing_lost and recount_since is not none %}
        {%- set recount_bound = run_query("select cast(epoch(date_trunc('" ~ recount_since ~ "', "
            ~ epoch_to_timestamp(earliest_lost | string) ~ ")) as bigint)").rows[0][0] %}
    {%- endif %}
{%- endif %}
with changes as materialized {{ rating_changes(watermark) }},

delta as (
    select
        {{- key_columns }}
        {%- for m in measures %}
        {{ m[2] }} as {{ m[0] }},
        {%- endfor %}
        min(r.rated_at_epoch) filter (where sign = 1) as first_added,
        max(r.rated_at_epoch) filter (where sign = 1) as last_added
    from changes as r
    {{ joins }}
    {{ group_by }}
    -- always true (a group has a row): a filter DuckDB estimates to keep a fifth, which
    -- keeps the delta the smaller side of the join below (see there)
    having count(*) > 0
),

-- every touched key with the row it replaces here, if any (replaced_rowid: the strategy
-- replace_by_rowid deletes exactly those rows). The delta must be the hash join's build
-- side: the state's scan then skips the row groups outside its keys' min/max (a
-- time-ordered state reads its last row groups only), where building on a 3.7M-row state
-- costs 1.1 s instead of 0.3 (int_movie_monthly_ratings). DuckDB picks the side from
-- estimates, and it puts the delta at a fifth of the fact's rows (4M at 20M ratings).
touched as (
    select
        d.*,
        {%- for m in measures %}
        o.{{ m[0] }} as old_{{ m[0] }},
        {%- endfor %}
        {%- if first_rating %}
        o.first_rated_at_epoch as old_first_rated_at_epoch,
        {%- endif %}
        o.last_rated_at_epoch as old_last_rated_at_epoch,
        o.rowid as replaced_rowid
    from delta as d
    left join {{ this }} as o using ({{ key_list }})
)
{%- if not nothing_lost %},

-- the ratings re-ratings took away, per key (none in most batches)
lost as (
    select
        {{- key_columns }}
        min(r.rated_at_epoch) as first_lost,
        max(r.rated_at_epoch) as last_lost
    from changes as r
    {{ joins }}
    where r.sign = -1
    {{ group_by }}
),

-- keys whose lost rating was their last (first) one, with no added rating later (earlier):
-- their new last (first) rating is not known here (nor anything of a key missing here)
lost_keys as (
    select {% for k in keys %}t.{{ k[0] }}{{ ', ' if not loop.last }}{% endfor %}
    from touched as t
    join lost as l using ({{ key_list }})
    where coalesce(l.last_lost >= t.old_last_rated_at_epoch, true) and coalesce(t.last_added < l.last_lost, true)
    {%- if first_rating %}
       or coalesce(l.first_lost <= t.old_first_rated_at_epoch, true) and coalesce(t.first_added > l.first_lost, true)
    {%- endif %}
),

-- the first and last rating of the keys to recount, from the ratings they have now
recounted as (
    select
        {{- key_columns }}
        min(r.rated_at_epoch) as first_rated_at_epoch,
        max(r.rated_at_epoch) as last_rated_at_epoch
    from {{ ref('fct_ratings') }} as r
    {{ joins }}
    semi join lost_keys as k on {% for k in keys %}k.{{ k[0] }} = {{ k[1] }}{{ ' and ' if not loop.last }}{% endfor %}
    {%- if recount_bound is not none %}
    where r.rated_at_epoch >= {{ recount_bound }}
    {%- endif %}
    {{ group_by }}
)
{%- endif %}

{#- a recounted key takes its times from the fact; one left without ratings keeps zero sums
    (and stale times) and delete_empty_keys drops it #}
{%- set first_merged = 'least(coalesce(t.old_first_rated_at_epoch, t.first_added), t.first_added)' %}
{%- set last_merged = 'greatest(coalesce(t.old_last_rated_at_epoch, t.last_added), t.last_added)' %}
select
    {%- for k in keys %}
    t.{{ k[0] }},
    {%- endfor %}
    {%- for m in measures %}
    coalesce(t.old_{{ m[0] }}, 0) + t.{{ m[0] }} as {{ m[0] }},
    {%- endfor %}
    {%- if first_rating %}
    {{ first_merged if nothing_lost else 'case when c.last_rated_at_epoch is not null then c.first_rated_at_epoch else ' ~ first_merged ~ ' end' }}
        as first_rated_at_epoch,
    {%- endif %}
    {{ last_merged if nothing_lost else 'case when c.last_rated_at_epoch is not null then c.last_rated_at_epoch else ' ~ last_merged ~ ' end' }}
        as last_rated_at_epoch,
    t.replaced_rowid
from touched as t
{%- if not nothing_lost %}
left join recounted as c using ({{ key_list }})
{%- endif %}
{% else %}
{{ full_select }}
{{ group_by }}
{%- if order_by %}
order by {{ order_by }}
{%- endif %}
{% endif %}
{%- endmacro %}

{#- The first day whose ratings changed since `since_timestamp` (a literal timestamp), as a
    date literal, or none when nothing changed: new ratings and the ratings they replaced
    (a re-rating removes a rating from an old day). For marts over time buckets, which then
    recompute the buckets from that day on. Read at compile time. (epoch() is a double: cast
    to the column's bigint, the filter prunes fct_ratings to its new row groups by their
    min/max, 0.14 s -> 0.00 s at 20M.) -#}
{% macro first_changed_day(since_timestamp) -%}
    {%- if not execute -%}{{ return(none) }}{%- endif -%}
    {%- set row = run_query(
        "select cast(" ~ epoch_to_timestamp('min(least(rated_at_epoch, coalesce(previous_rated_at_epoch, rated_at_epoch)))') ~ " as date)"
        ~ " from " ~ ref('fct_ratings')
        ~ " where rated_at_epoch > cast(epoch(timestamp '" ~ since_timestamp ~ "') as bigint)").rows[0] -%}
    {{ return(row[0]) }}
{%- endmacro %}

{#- The start of the month of the first day whose ratings changed since the newest rating
    of {{ this }} (column last_rated_at), as SQL, or none: for marts incremental by month
    (fct_monthly_cohorts reads it at compile time and again in its pre-hook, before
    anything is deleted). -#}
{%- macro first_changed_month() -%}
    {%- set since = first_changed_day(state_watermark('last_rated_at', "timestamp '1900-01-01'")) -%}
    {{- return("date_trunc('month', date '" ~ since ~ "')" if since is not none else none) -}}
{%- endmacro -%}

