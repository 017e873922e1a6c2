with a as (select * from (values (1), (2), (2), (3)) as t(x)),
b as (select * from (values (2), (4)) as t(x))

select
    (select list(x order by x) from (select x from a {{ dbt.except() }} select x from b)) as a_except_b,
    (select list(x order by x) from (select x from a {{ dbt.intersect() }} select x from b)) as a_intersect_b
