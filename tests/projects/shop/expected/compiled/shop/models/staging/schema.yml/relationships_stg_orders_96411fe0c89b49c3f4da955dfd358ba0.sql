
with __dbt__cte__stg_orders as (


select
    id as order_id,
    user_id as customer_id,
    cast(order_date as date) as order_date,
    status,
    round(amount_cents / 100.0, 2) as amount
from "shop"."main_raw"."raw_orders"
where order_date >= '2024-01-01'
), child as (
    select customer_id as from_field
    from __dbt__cte__stg_orders
    where customer_id is not null
),

parent as (
    select customer_id as to_field
    from "shop"."main_staging"."stg_customers"
)

select
    from_field
from child
left join parent
    on child.from_field = parent.to_field
where parent.to_field is null
