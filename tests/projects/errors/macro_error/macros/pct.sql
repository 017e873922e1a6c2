{% macro pct(x) %}
  {{ x / 0 }}
{% endmacro %}
