{{ config(tags=['finance'], alias='dim_customers') }}

with orders as (
    select * from {{ ref('stg_orders') }}
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
from {{ ref('stg_customers') }} c
left join customer_orders o using (customer_id)
