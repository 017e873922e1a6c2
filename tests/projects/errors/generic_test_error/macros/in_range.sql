{% test in_range(model, column_name, low, high) %}
{% if low > high %}
  {{ exceptions.raise_compiler_error("low must not exceed high, got " ~ low ~ " > " ~ high) }}
{% endif %}
select * from {{ model }} where {{ column_name }} not between {{ low }} and {{ high }}
{% endtest %}
