{%- set statuses = ['placed', 'completed', 'returned'] -%}
select
    order_id,
    customer_id,
    {%- for status in statuses %}
    sum(case when status = '{{ status }}' then amount else 0 end) as {{ status }}_amount{{ "," if not loop.last }}
    {%- endfor %}
from {{ ref('stg_orders') }}
group by 1, 2
