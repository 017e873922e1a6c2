-- Under a non-UTC session time zone: current_timestamp() is a timestamp with time zone
-- (now), the backcompat one the local wall-clock time, the _in_utc one UTC wall-clock time.
set TimeZone = 'America/New_York';
select
    typeof({{ dbt.current_timestamp() }}) as now_type,
    abs(epoch({{ dbt.current_timestamp() }}) - epoch(now())) < 5 as now_is_now,
    typeof({{ dbt.current_timestamp_backcompat() }}) as backcompat_type,
    abs(epoch({{ dbt.current_timestamp_backcompat() }}) - epoch(cast(now() as timestamp))) < 5 as backcompat_is_local,
    abs(epoch({{ dbt.current_timestamp_backcompat() }}) - epoch(now())) > 3600 as local_is_not_utc,
    typeof({{ dbt.current_timestamp_in_utc_backcompat() }}) as utc_type,
    abs(epoch({{ dbt.current_timestamp_in_utc_backcompat() }}) - epoch(now())) < 5 as utc_is_utc
