select
    id as customer_id,
    first_name,
    last_name
from "shop"."main_raw"."raw_customers"