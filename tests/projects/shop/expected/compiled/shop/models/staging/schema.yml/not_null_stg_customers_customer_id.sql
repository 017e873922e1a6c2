
select customer_id
from "shop"."main_staging"."stg_customers"
where customer_id is null
