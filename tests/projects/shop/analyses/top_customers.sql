select * from {{ ref('customers') }} order by lifetime_value desc limit {{ var('top_n', 3) }}
