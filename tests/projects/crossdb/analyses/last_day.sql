select
    {{ dbt.last_day("date '2024-02-10'", 'month') }} as leap_february,
    {{ dbt.last_day("date '2023-02-10'", 'month') }} as february,
    {{ dbt.last_day("date '2024-05-17'", 'quarter') }} as second_quarter,
    {{ dbt.last_day("date '2024-12-31'", 'quarter') }} as fourth_quarter,
    {{ dbt.last_day("date '2023-03-01'", 'year') }} as year_end,
    {{ dbt.last_day("timestamp '2024-04-30 23:59:59'", 'month') }} as from_timestamp,
    typeof({{ dbt.last_day("date '2024-02-10'", 'month') }}) as result_type
