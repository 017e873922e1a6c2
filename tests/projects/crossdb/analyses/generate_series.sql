-- generate_series (DuckDB's and the portable one), get_powers_of_two.
with native as ({{ dbt.generate_series(5) }}),
from_expression as ({{ dbt.generate_series('(select 3)') }}),
portable as ({{ dbt.default__generate_series(10) }})

select
    (select count(*) from native) as native_rows,
    (select list(generated_number order by generated_number) from native) as native_numbers,
    (select count(*) from from_expression) as expression_rows,
    (select count(*) from portable) as portable_rows,
    (select sum(generated_number) from portable) as portable_sum,
    (select min(generated_number) from portable) as portable_min,
    {{ dbt.get_powers_of_two(1) }} as powers_1,
    {{ dbt.get_powers_of_two(2) }} as powers_2,
    {{ dbt.get_powers_of_two(3) }} as powers_3,
    {{ dbt.get_powers_of_two(1024) }} as powers_1024,
    {{ dbt.get_powers_of_two(1025) }} as powers_1025
