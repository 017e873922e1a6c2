select
    '{{ dbt.escape_single_quotes("it's") }}' as escaped,
    '{{ dbt.escape_single_quotes("a''b") }}' as escaped_twice,
    {{ dbt.length("'abcd'") }} as length_4,
    {{ dbt.position("'c'", "'abcd'") }} as position_3,
    {{ dbt.position("'z'", "'abcd'") }} as position_missing,
    {{ dbt.replace("'a-b-c'", "'-'", "'+'") }} as replaced,
    {{ dbt.right("'abcdef'", 3) }} as right_3,
    {{ dbt.right("'abcdef'", "1 + 1") }} as right_expression,
    {{ dbt.string_literal('hello') }} as literal,
    typeof({{ dbt.string_literal('hello') }}) as literal_type
