select
    {{ dbt.date(2024, 2, 29) }} as leap_day,
    typeof({{ dbt.date(2024, 2, 29) }}) as date_type,
    {{ dbt.date(1999, 12, 31) }} as millennium_eve,
    {{ dbt.equals('1', '1') }} as one_equals_one,
    {{ dbt.equals('1', '2') }} as one_equals_two,
    {{ dbt.equals('null', '1') }} is null as null_comparison_is_null
