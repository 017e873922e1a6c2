with data as (
    select * from (values (1, 'k', false), (1, 'k', true), (2, 'm', false), (2, 'm', false)) as t(grp, label, flag)
)

select
    grp,
    {{ dbt.any_value('label') }} as any_label,
    {{ dbt.bool_or('flag') }} as any_flag
from data
group by grp
order by grp
