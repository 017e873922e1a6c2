select
    o.order_id,
    {{ utils.safe_divide('o.completed_amount', 'sum(o.completed_amount) over ()') }} as share,
    d.day
from {{ ref('orders') }} o
cross join {{ ref('utils', 'calendar') }} d
where d.day = date '{{ var("start_date") }}'
