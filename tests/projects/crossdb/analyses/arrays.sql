select
    {{ dbt.array_construct(['1', '2', '3']) }} as constructed,
    typeof({{ dbt.array_construct(['1', '2', '3']) }}) as constructed_type,
    len({{ dbt.array_construct() }}) as empty_length,
    typeof({{ dbt.array_construct() }}) as empty_type,
    typeof({{ dbt.array_construct([], dbt.type_string()) }}) as empty_text_type,
    {{ dbt.array_append(dbt.array_construct(['1', '2']), '3') }} as appended,
    {{ dbt.array_concat(dbt.array_construct(['1', '2']), dbt.array_construct(['3', '4'])) }} as concatenated
