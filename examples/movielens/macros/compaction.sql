{#- When the closing checkpoint compacts deleted rows (an on-run-end hook).

    DuckDB reclaims deleted rows at a checkpoint ("vacuum"): row groups whose remaining rows
    fit in fewer are rewritten. An incremental build deletes and re-inserts the batch's
    users' rows of the per-user tables (15% of fct_user_candidates and of the one-row-per-
    user tables for a 1% batch at 20M ratings), so with DuckDB's default every build's
    closing checkpoint rewrote those tables: about 0.6 s of a 7 s build.

    Compacting only when deleted rows have piled up does that rewrite once every few
    builds: the checkpoint vacuums when some table of more than one row group has deleted
    at least `compaction_dead_share` of the rows it stores, and skips the vacuum
    (max_vacuum_tasks = 0) otherwise. A vacuum merges adjacent row groups whose remaining
    rows fit in fewer; rows deleted evenly from full row groups are merged away from about
    half deleted on, which is where the default threshold (0.5) sits. The per-user tables
    a batch deletes a fifth of are then compacted every third build or so; a full refresh
    recreates every table without deleted rows. A table that a vacuum cannot shrink below
    the threshold makes every build compact, as DuckDB does by default.
    Counted after the nodes ran, the tables a build touched have their deletes in memory,
    so counting them costs milliseconds (a table with deletes the build did not touch, about
    0.1 s at 20M ratings). `compaction_dead_share: 0` compacts every build (DuckDB's default
    behaviour) and counts nothing. -#}
{% macro compact_when_due(dead_share=var('compaction_dead_share')) -%}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- if dead_share is not number or dead_share is boolean or dead_share < 0 or dead_share > 1 -%}
        {{ exceptions.raise_compiler_error("var compaction_dead_share is " ~ dead_share
            ~ "; it is the share of a table's stored rows that may be deleted before the closing checkpoint"
            ~ " compacts them: a number from 0 (compact at every build) to 1") }}
    {%- endif -%}
    {#- only the commands that delete rows (others leave DuckDB's default: nothing to compact).
        raw is written by strata load, which checkpoints on its own; a table of one row group
        is never merged by a vacuum. -#}
    {%- if flags.WHICH not in ['build', 'run', 'snapshot'] -%}
        {{ return('') }}
    {%- endif -%}
    {%- if dead_share == 0 -%}
        {{ log("Compacting deleted rows at the closing checkpoint at every build (compaction_dead_share: 0)", info=True) }}
        {{ return('reset max_vacuum_tasks') }}
    {%- endif -%}
    {%- set tables = run_query(
        "select schema_name, table_name, estimated_size from duckdb_tables()"
        ~ " where database_name = current_database() and not temporary and schema_name <> 'raw'"
        ~ " and estimated_size > 122880") -%}
    {%- set counts = [] -%}
    {%- for t in tables.rows -%}
        {%- set name = (t[0] ~ '.' ~ t[1]) | replace("'", "''") -%}
        {%- do counts.append("select '" ~ name ~ "' as relation, " ~ t[2] ~ " as stored, "
            ~ "(select count(*) from " ~ adapter.quote(t[0]) ~ "." ~ adapter.quote(t[1]) ~ ") as live") -%}
    {%- endfor -%}
    {%- set relation, share = none, 0 -%}
    {%- if counts -%}
        {%- set worst = run_query("select relation, (stored - live) / stored as dead_share from ("
            ~ counts | join(" union all ") ~ ") order by dead_share desc, relation limit 1") -%}
        {%- set relation, share = worst.rows[0][0], worst.rows[0][1] -%}
    {%- endif -%}
    {%- set percent = (share * 100) | round(1) -%}
    {%- if share >= dead_share -%}
        {{ log("Compacting deleted rows at the closing checkpoint: " ~ percent ~ "% of " ~ relation ~ "'s rows are deleted (compaction_dead_share: " ~ dead_share ~ ")", info=True) }}
        reset max_vacuum_tasks
    {%- else -%}
        {{ log("Compaction deferred: at most " ~ percent ~ "% of a table's rows are deleted" ~ (" (" ~ relation ~ ")" if relation else "") ~ " (compaction_dead_share: " ~ dead_share ~ ")", info=True) }}
        set max_vacuum_tasks = 0
    {%- endif -%}
{%- endmacro %}
