select
    {{ dbt.concat(["'a'", "'b'", "cast(1 as " ~ dbt.type_string() ~ ")"]) }} as abc,
    {{ dbt.concat(["'only'"]) }} as single,
    {{ dbt.concat(["'a'", "null"]) }} is null as null_propagates
