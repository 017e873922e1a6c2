select
    o.order_id,
    (o.completed_amount) / nullif(sum(o.completed_amount) over (), 0) as share,
    d.day
from "shop"."main"."orders" o
cross join "shop"."main_utils"."calendar" d
where d.day = date '2024-01-01'