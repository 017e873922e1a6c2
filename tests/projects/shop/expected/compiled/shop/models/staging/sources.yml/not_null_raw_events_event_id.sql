
select event_id
from "shop"."main_raw"."events"
where event_id is null
