select
    {{ dbt.split_part("'a-b-c'", "'-'", 1) }} as first,
    {{ dbt.split_part("'a-b-c'", "'-'", 2) }} as second,
    {{ dbt.split_part("'a-b-c'", "'-'", -1) }} as last,
    {{ dbt.split_part("'a-b-c'", "'-'", -3) }} as third_from_end,
    {{ dbt.split_part("'a-b-c'", "'-'", 5) }} = '' as past_end_is_empty,
    {{ dbt.split_part("'a-b-c'", "'-'", -5) }} = '' as before_start_is_empty,
    {{ dbt.split_part("'a--b--c'", "'--'", -2) }} as long_delimiter,
    {{ dbt.split_part("'a-b-c'", "'-'", "1 + 1") }} as expression_part,
    {{ dbt.split_part("null", "'-'", 1) }} is null as null_input,
    {{ _split_part_negative("'a-b-c'", "'-'", -1) }} as helper_last,
    {{ _split_part_negative("'a-b-c'", "'-'", -3) }} as helper_first
