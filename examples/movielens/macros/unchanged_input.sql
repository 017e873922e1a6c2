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
