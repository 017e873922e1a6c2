{% snapshot customers_snapshot %}
{{ config(unique_key='customer_id', strategy='check', check_cols='all', target_schema='snapshots') }}
select * from {{ ref('stg_customers') }}
{% endsnapshot %}
