with __dbt__cte__stg_orders as (


select
    id as order_id,
    user_id as customer_id,
    cast(order_date as date) as order_date,
    status,
    round(amount_cents / 100.0, 2) as amount
from "shop"."main_raw"."raw_orders"
where order_date >= '2024-01-01'
)
select
    order_id,
    customer_id,
    sum(case when status = 'placed' then amount else 0 end) as placed_amount,
    sum(case when status = 'completed' then amount else 0 end) as completed_amount,
    sum(case when status = 'returned' then amount else 0 end) as returned_amount
from __dbt__cte__stg_orders
group by 1, 2