select
  {{ pct(1) }} as p
