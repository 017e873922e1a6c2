select *
from {{ ref("order") }}
