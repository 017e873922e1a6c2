with data as (
    select * from (values
        (1, 'b', 2), (1, 'a', 1), (1, 'c', 3), (1, null, 0), (2, 'z', 1)
    ) as t(grp, val, ord)
)

select
    grp,
    {{ dbt.listagg('val', "','", 'order by ord') }} as ordered,
    {{ dbt.listagg('val', "' | '", 'order by ord desc') }} as ordered_desc,
    {{ dbt.listagg('val', "'|'", 'order by ord', 2) }} as first_two,
    {{ dbt.listagg('val', "'|'", 'order by ord desc', 1) }} as last_one,
    length({{ dbt.listagg('val') }}) as default_delimiter_length
from data
group by grp
order by grp
