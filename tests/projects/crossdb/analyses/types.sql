-- The type helpers' names (as dbt-duckdb spells them) and the DuckDB types they make.
select
    '{{ dbt.type_string() }}' as string_name,
    '{{ dbt.type_timestamp() }}' as timestamp_name,
    '{{ dbt.type_float() }}' as float_name,
    '{{ dbt.type_numeric() }}' as numeric_name,
    '{{ dbt.type_bigint() }}' as bigint_name,
    '{{ dbt.type_int() }}' as int_name,
    '{{ dbt.type_boolean() }}' as boolean_name,
    typeof(cast('x' as {{ dbt.type_string() }})) as string_type,
    typeof(cast('2024-01-01 10:00:00' as {{ dbt.type_timestamp() }})) as timestamp_type,
    typeof(cast(1.5 as {{ dbt.type_float() }})) as float_type,
    typeof(cast(1.5 as {{ dbt.type_numeric() }})) as numeric_type,
    typeof(cast(1 as {{ dbt.type_bigint() }})) as bigint_type,
    typeof(cast(1 as {{ dbt.type_int() }})) as int_type,
    typeof(cast('true' as {{ dbt.type_boolean() }})) as boolean_type,
    cast(1.23456789 as {{ dbt.type_numeric() }}) as numeric_value
