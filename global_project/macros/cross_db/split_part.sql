{#- The part_number-th piece of string_text split on delimiter_text (1-based; negative
    counts from the end; '' when out of range; null for null input). -#}
{% macro split_part(string_text, delimiter_text, part_number) -%}
  {{ return(adapter.dispatch('split_part', 'dbt')(string_text, delimiter_text, part_number)) }}
{%- endmacro %}

{#- DuckDB's split_part already counts negative positions from the end and returns ''
    out of range, so the default serves it. -#}
{% macro default__split_part(string_text, delimiter_text, part_number) -%}
    split_part({{ string_text }}, {{ delimiter_text }}, {{ part_number }})
{%- endmacro %}

{#- Warehouses whose split_part has no negative positions count the parts from the
    delimiter occurrences (dbt's helper; single-character delimiters only there). -#}
{% macro _split_part_negative(string_text, delimiter_text, part_number) -%}
    split_part(
        {{ string_text }},
        {{ delimiter_text }},
        length({{ string_text }}) - length(replace({{ string_text }}, {{ delimiter_text }}, '')) + 2 + {{ part_number }}
    )
{%- endmacro %}
