

with __dbt__cte__stg_orders as (


select
    id as order_id,
    user_id as customer_id,
    cast(order_date as date) as order_date,
    status,
    round(amount_cents / 100.0, 2) as amount
from "shop"."main_raw"."raw_orders"
where order_date >= '2024-01-01'
), orders as (
    select * from __dbt__cte__stg_orders
),

customer_orders as (
    select
        customer_id,
        count(*) as order_count,
        sum(amount) as lifetime_value
    from orders
    group by 1
)

select
    c.customer_id,
    c.first_name,
    coalesce(o.order_count, 0) as order_count,
    coalesce(o.lifetime_value, 0) as lifetime_value
from "shop"."main_staging"."stg_customers" c
left join customer_orders o using (customer_id)