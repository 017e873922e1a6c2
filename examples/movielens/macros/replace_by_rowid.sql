{#- A custom incremental strategy (dbt's get_incremental_<name>_sql): the model's
    incremental select already joins {{ this }} to read the rows it replaces, so it also
    returns each one's rowid (column replaced_rowid, null for a new key). Those rows are
    deleted by rowid and the staged rows inserted: the same result as delete+insert on the
    unique key, without a second scan of the table matching every staged key (0.36 s ->
    0.01 s for fct_ratings' 20M rows). The rowids are read in the same transaction, so they
    are the rows the select saw. Models using it set on_schema_change='ignore': the staged
    rows carry replaced_rowid, which is not a column of the table (dest_columns are the
    table's). -#}
{% macro get_incremental_replace_by_rowid_sql(arg_dict) -%}
{{ delete_rowids_then_insert(arg_dict, 'replaced_rowid', insert_marked=true) }}
{%- endmacro %}

{#- A custom incremental strategy for models whose incremental select returns row changes
    rather than replacement rows: a staged row whose `deleted_rowid` is null is inserted, one
    that names a rowid stands for that row of {{ this }}, which is deleted (its other columns
    only say what it was). For states that change a few rows per key, e.g. a user's list of
    recent likes: the new entries come in, the entries that left go, the rest stays. The
    rowids are read in the same transaction, so they are the rows the select saw. Models
    using it set on_schema_change='ignore' (deleted_rowid is not a column of the table). -#}
{% macro get_incremental_apply_row_changes_sql(arg_dict) -%}
{{ delete_rowids_then_insert(arg_dict, 'deleted_rowid', insert_marked=false) }}
{%- endmacro %}

{#- Both strategies: delete the rows of {{ this }} whose rowids the staged rows name in
    `rowid_column`, then insert the staged rows (all of them, or only those naming none). -#}
{% macro delete_rowids_then_insert(arg_dict, rowid_column, insert_marked) -%}
{%- set target = arg_dict['target_relation'] -%}
{%- set staged = arg_dict['temp_relation'] -%}
{%- set columns = arg_dict['dest_columns'] | map(attribute='quoted') | join(', ') -%}
delete from {{ target }}
where rowid in (select {{ rowid_column }} from {{ staged }} where {{ rowid_column }} is not null);
insert into {{ target }} ({{ columns }})
select {{ columns }} from {{ staged }}
{%- if not insert_marked %} where {{ rowid_column }} is null{% endif %}
{%- endmacro %}
