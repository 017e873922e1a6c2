-- Packages such as dbt_utils call some helpers without the dbt. prefix; they resolve to
-- the global project's macros.
select
    '{{ type_string() }}' as type_string_bare,
    cast({{ dateadd('day', 1, "date '2024-01-01'") }} as date) as dateadd_bare,
    {{ datediff("date '2024-01-01'", "date '2024-01-31'", 'day') }} as datediff_bare,
    {{ split_part("'x.y'", "'.'", 2) }} as split_part_bare,
    (select count(*) from (select 1 {{ except() }} select 2)) as except_bare,
    {{ hash(concat(["'a'", "'b'"])) }} = md5('ab') as hash_concat_bare
