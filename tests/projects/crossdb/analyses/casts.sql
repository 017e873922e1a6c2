select
    {{ dbt.safe_cast("'abc'", dbt.type_int()) }} is null as safe_cast_bad_is_null,
    {{ dbt.safe_cast("'12'", dbt.type_int()) }} as safe_cast_good,
    typeof({{ dbt.safe_cast("'12'", dbt.type_int()) }}) as safe_cast_type,
    {{ dbt.cast("'7'", dbt.type_bigint()) }} + 1 as cast_value,
    typeof({{ dbt.cast("'7'", dbt.type_bigint()) }}) as cast_type,
    {{ dbt.cast_bool_to_text("true") }} as true_text,
    {{ dbt.cast_bool_to_text("1 = 2") }} as false_text,
    typeof({{ dbt.cast_bool_to_text("true") }}) as bool_text_type
