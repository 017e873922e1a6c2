{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail'
    )
}}
-- One row per tag application, keyed to dim_tags. Incremental: tags are an append-only
-- event stream (a batch's tags are later than every tag before), so a run appends the
-- applications newer than the newest one here.
select
    t.tag_event_id,
    md5(t.tag_normalised) as tag_key,
    t.user_id,
    t.movie_id,
    t.tag,
    t.tag_normalised,
    t.tagged_at
from {{ ref('stg_tags') }} as t
{% if is_incremental() %}
where t.tagged_at_epoch > {{ state_watermark('cast(epoch(tagged_at) as bigint)') }}
{% endif %}
