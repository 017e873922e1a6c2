

select
    id as order_id,
    user_id as customer_id,
    cast(order_date as date) as order_date,
    status,
    round(amount_cents / 100.0, 2) as amount
from "shop"."main_raw"."raw_orders"
where order_date >= '2024-01-01'