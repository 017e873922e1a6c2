{%- set fields = [] -%}
{%- for field in ["'a'", "null"] -%}
    {%- do fields.append("coalesce(cast(" ~ field ~ " as " ~ dbt.type_string() ~ "), '_dbt_utils_surrogate_key_null_')") -%}
    {%- if not loop.last %}{%- do fields.append("'-'") -%}{%- endif -%}
{%- endfor -%}
{%- set url = "'https://www.example.com/path/to?utm_source=news&x=1'" -%}
{%- set host = dbt.split_part(dbt.split_part(dbt.replace(dbt.replace(dbt.replace(url, "'android-app://'", "''"), "'http://'", "''"), "'https://'", "''"), "'/'", 1), "'?'", 1) -%}
{%- set stripped = dbt.replace(dbt.replace(url, "'http://'", "''"), "'https://'", "''") -%}
{%- set first_slash -%}
    coalesce(nullif({{ dbt.position("'/'", stripped) }}, 0), {{ dbt.position("'?'", stripped) }} - 1)
{%- endset -%}
{%- set path = dbt.split_part(dbt.right(stripped, dbt.length(stripped) ~ "-" ~ first_slash), "'?'", 1) %}
-- The expressions dbt_utils builds from dbt's macros (generate_surrogate_key,
-- get_url_host, get_url_path, get_url_parameter, width_bucket's casts), composed the same
-- way, so that the pieces fit together as that package uses them.
select
    {{ dbt.hash(dbt.concat(fields)) }} as surrogate_key,
    {{ dbt.safe_cast(host, dbt.type_string()) }} as url_host,
    {{ dbt.safe_cast(path, dbt.type_string()) }} as url_path,
    nullif({{ dbt.split_part(dbt.split_part(url, "'utm_source='", 2), "'&'", 1) }}, '') as url_parameter,
    {{ dbt.safe_cast('7.5', dbt.type_numeric()) }} as numeric_cast
