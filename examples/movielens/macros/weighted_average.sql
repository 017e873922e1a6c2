{#- sum(value * weight) / sum(weight), null (not a division error) when the weights sum to 0.
    The products are added as exact decimals (12 places), so the result does not depend on
    the order in which parallel threads add them: an incremental build and a full refresh
    give the same value to the last bit. -#}
{% macro weighted_average(value, weight) -%}
    (cast(sum(cast(({{ value }}) * ({{ weight }}) as decimal(38, 12))) as double) / nullif(sum({{ weight }}), 0))
{%- endmacro %}

{#- avg(value) over exact decimals (12 places): the same double whatever the order of the
    rows (a plain avg of doubles may differ in the last bit between two runs). -#}
{% macro exact_avg(value) -%}
    cast(avg(cast({{ value }} as decimal(38, 12))) as double)
{%- endmacro %}
