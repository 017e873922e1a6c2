{#- Tag history with the timestamp strategy: a tag application is versioned by when it
    was applied (tagged_at), so re-applied tags of a later batch open a new version. -#}
{% snapshot snap_tags %}
{{ config(
    target_schema='snapshots',
    unique_key='tag_event_id',
    strategy='timestamp',
    updated_at='tagged_at',
) }}
{#- Only tags applied since the newest one already snapshotted are compared: with the
    timestamp strategy an older application cannot change a version, and rows absent
    from the select are left alone (no hard-delete invalidation), so reading the whole
    tag history each run would only find nothing to do. -#}
{%- set existing = adapter.get_relation(database=this.database, schema=this.schema, identifier=this.identifier) if execute else none -%}
{%- set newest = run_query('select cast(epoch(max(tagged_at)) as bigint) from ' ~ this).rows[0][0] if existing is not none else none %}
select tag_event_id, user_id, movie_id, tag, tag_normalised, tagged_at
from {{ ref('stg_tags') }}
{% if newest is not none %}
where tagged_at_epoch >= {{ newest }}
{% endif %}
-- one row per key even if a later batch re-applies the same tag
{{ top_n_per_group('tag_event_id', 'tagged_at desc', 1) }}
{% endsnapshot %}
