-- api.Column's class methods that the type macros rely on, and the Column constructor.
select
    '{{ api.Column.translate_type("STRING") }}' as translated_string,
    '{{ api.Column.translate_type("integer") }}' as translated_integer,
    '{{ api.Column.numeric_type("decimal", 10, 2) }}' as numeric_with_scale,
    '{{ api.Column.numeric_type("decimal", none, none) }}' as numeric_without_scale,
    '{{ api.Column.string_type(10) }}' as string_type,
    typeof(cast('abc' as {{ api.Column.string_type(10) }})) as string_type_in_duckdb,
    '{{ api.Column.create("c", "string").dtype }}' as created_dtype,
    '{{ api.Column("x", "integer").name }}' as constructed_name
