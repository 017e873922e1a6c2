

select * from "shop"."main_staging"."stg_customers"