select
    {{ dbt.date_trunc('month', "date '2024-05-17'") }} as month_of_date,
    {{ dbt.date_trunc('quarter', "date '2024-05-17'") }} as quarter_of_date,
    {{ dbt.date_trunc('year', "date '2024-05-17'") }} as year_of_date,
    {{ dbt.date_trunc('week', "date '2024-05-17'") }} as week_of_date,
    {{ dbt.date_trunc('day', "timestamp '2024-05-17 13:45:10'") }} as day_of_timestamp,
    {{ dbt.date_trunc('hour', "timestamp '2024-05-17 13:45:10'") }} as hour_of_timestamp,
    -- DuckDB truncates to a date for parts of a day or longer, to a timestamp below that.
    typeof({{ dbt.date_trunc('day', "timestamp '2024-05-17 13:45:10'") }}) as day_type,
    typeof({{ dbt.date_trunc('hour', "timestamp '2024-05-17 13:45:10'") }}) as hour_type
