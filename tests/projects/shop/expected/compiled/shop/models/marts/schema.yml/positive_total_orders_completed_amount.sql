
select * from "shop"."main"."orders" where completed_amount < 0
