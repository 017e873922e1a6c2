{#- The current time. current_timestamp() is the warehouse's own (DuckDB: now(), a
    timestamp with time zone, as dbt-duckdb); the _backcompat pair reproduce the older
    dbt_utils macros: a plain timestamp, local or in UTC. -#}
{% macro current_timestamp() -%}
  {{ return(adapter.dispatch('current_timestamp', 'dbt')()) }}
{%- endmacro %}

{% macro default__current_timestamp() -%}
  {{ exceptions.raise_not_implemented('current_timestamp macro not implemented for adapter ' ~ adapter.type()) }}
{%- endmacro %}

{% macro duckdb__current_timestamp() -%}
    now()
{%- endmacro %}

{% macro current_timestamp_backcompat() -%}
  {{ return(adapter.dispatch('current_timestamp_backcompat', 'dbt')()) }}
{%- endmacro %}

{% macro default__current_timestamp_backcompat() -%}
    current_timestamp::{{ type_timestamp() }}
{%- endmacro %}

{% macro current_timestamp_in_utc_backcompat() -%}
  {{ return(adapter.dispatch('current_timestamp_in_utc_backcompat', 'dbt')()) }}
{%- endmacro %}

{% macro default__current_timestamp_in_utc_backcompat() -%}
  {{ return(adapter.dispatch('current_timestamp_backcompat', 'dbt')()) }}
{%- endmacro %}

{#- DuckDB knows time zones: give UTC whatever the session's TimeZone is. -#}
{% macro duckdb__current_timestamp_in_utc_backcompat() -%}
    (current_timestamp at time zone 'UTC')::{{ type_timestamp() }}
{%- endmacro %}
