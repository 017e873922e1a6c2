{{ config(materialized='ephemeral') }}

select
    id as order_id,
    user_id as customer_id,
    cast(order_date as date) as order_date,
    status,
    {{ cents_to_currency('amount_cents') }} as amount
from {{ ref('raw_orders') }}
where order_date >= '{{ var("start_date") }}'
