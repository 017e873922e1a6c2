
with __dbt__cte__stg_orders as (


select
    id as order_id,
    user_id as customer_id,
    cast(order_date as date) as order_date,
    status,
    round(amount_cents / 100.0, 2) as amount
from "shop"."main_raw"."raw_orders"
where order_date >= '2024-01-01'
), all_values as (
    select
        status as value_field,
        count(*) as n_records
    from __dbt__cte__stg_orders
    group by status
)
select *
from all_values
where value_field not in (
    'placed','shipped','completed','returned'
)
