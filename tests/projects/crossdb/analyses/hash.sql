select
    {{ dbt.hash("'x'") }} as hash_x,
    {{ dbt.hash("42") }} as hash_int,
    {{ dbt.hash("''") }} as hash_empty,
    {{ dbt.hash("null") }} is null as hash_null_is_null
