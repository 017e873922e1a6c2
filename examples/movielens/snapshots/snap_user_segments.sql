{#- SCD type 2 of user segments: when a user moves segment (e.g. a casual becomes a
    power user, or lapses), a new version opens. -#}
{% snapshot snap_user_segments %}
{{ config(
    target_schema='snapshots',
    unique_key='user_id',
    strategy='check',
    check_cols=['segment', 'recency', 'engagement_level'],
) }}
{#- Only users whose version can change are compared: the active ones (every user who rated
    since the last build is active) and those the snapshot still has as active (they may
    have lapsed). A user lapsed before and after has not rated since, so neither segment
    nor recency moved; rows absent from the select are left alone (no hard-delete
    invalidation). On 20M ratings that is a few percent of the users. -#}
{%- set existing = adapter.get_relation(database=this.database, schema=this.schema, identifier=this.identifier) if execute else none %}
select user_id, segment, engagement_level, rating_tendency, recency, favourite_genre
from {{ ref('dim_user_segments') }}
{%- if existing is not none %}
where recency = 'active'
   or user_id in (select user_id from {{ this }} where dbt_valid_to is null and recency = 'active')
{%- endif %}
{% endsnapshot %}
