{#- Which rows a generic test reads (dbt's get_where_subquery, overridden as dbt's docs
    describe for custom `where` logic). Tests on the big incremental relations carry a
    `where` naming what is new in a run; on an incremental run they test only that, on a
    --full-refresh run (or without the marker) the whole relation:

      new_rows(<event time column>)    rows within var('test_recent_days') days of the
                                       newest value of the column (an append-mostly
                                       stream: the latest batch and the days before it);
                                       columns ending in _epoch are epoch seconds
      written_this_run(<column>)       rows whose audit column holds hash(invocation_id)
                                       (models without an event time: the genome)
      latest_load(<column>)            rows whose audit timestamp is the newest one: the
                                       batch the latest build wrote (fct_ratings.loaded_at)
      not_yet_in(<model>, <column>)    rows at or after the newest value of the column in
                                       <model>: what that model's next incremental run takes
                                       (stg_ratings, tested before fct_ratings reads it)

    The last two read only the row groups of the new batch (DuckDB skips the others by
    their min/max); a time window such as new_rows cannot, where older ratings share row
    groups with recent ones (raw files ordered by user, not by time).

    With var('test_all_rows') true, every marker tests the whole relation (e.g.
    strata test --vars '{test_all_rows: true}'). Any other `where` is applied as dbt does.
    The first build of a warehouse writes every row in its invocation, so written_this_run
    and latest_load test everything then; new_rows tests the last days only, so build a
    fresh warehouse with --full-refresh to test all of it. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- set marker = where.split('(', 1)[0] | trim if where else '' -%}
    {%- if marker in ['new_rows', 'written_this_run', 'latest_load', 'not_yet_in'] and where.endswith(')') -%}
        {%- set column = where.split('(', 1)[1][:-1] | trim -%}
        {%- if flags.FULL_REFRESH or var('test_all_rows', false) -%}
            {%- do return(relation) -%}
        {%- elif marker == 'written_this_run' -%}
            {%- set predicate = column ~ " = hash('" ~ invocation_id ~ "')" -%}
        {%- else -%}
            {#- the bound is read when the test is compiled (macros/rating_changes.sql,
                newest_value) and written as a literal, so DuckDB can skip row groups by
                their min/max instead of computing max() first -#}
            {%- set source = relation -%}
            {%- if marker == 'not_yet_in' -%}
                {%- set parts = column.split(',') -%}
                {%- if parts | length != 2 -%}
                    {%- do exceptions.raise_compiler_error("where: " ~ where ~ " needs a model and a column, e.g. not_yet_in(fct_ratings, rated_at_epoch)") -%}
                {%- endif -%}
                {%- set model, column = parts[0] | trim, parts[1] | trim -%}
                {%- set source = ref(model) if execute else none -%}
                {%- if execute and adapter.get_relation(database=source.database, schema=source.schema, identifier=source.identifier) is none -%}
                    {%- do return(relation) -%}
                {%- endif -%}
            {%- endif -%}
            {%- set newest = newest_value(source, column) if execute else none -%}
            {%- if newest is none -%}
                {%- do return(relation) -%}
            {%- endif -%}
            {%- set epoch = column.endswith('_epoch') -%}
            {%- set literal = newest if epoch else "cast('" ~ newest ~ "' as timestamp)" -%}
            {%- if marker == 'latest_load' -%}
                {%- set predicate = column ~ " = '" ~ newest ~ "'" -%}
            {%- elif marker == 'not_yet_in' -%}
                {%- set predicate = column ~ ' >= ' ~ literal -%}
            {%- else -%}
                {#- new_rows: the window before the newest value (constant-folded by DuckDB) -#}
                {%- set window = (var('test_recent_days') * 86400) if epoch else 'interval ' ~ var('test_recent_days') ~ ' day' -%}
                {%- set predicate = column ~ ' >= ' ~ literal ~ ' - ' ~ window -%}
            {%- endif -%}
        {%- endif -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ predicate ~ ') dbt_subquery') -%}
    {%- elif where -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ where ~ ') dbt_subquery') -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
