#!/usr/bin/python3
"""Writes a synthetic dbt project of N models that looks like a real one.

    /usr/bin/python3 bench/project/gen_project.py --models 1000 --out DIR [--seed 7]

Layout (as in dbt's "how we structure our projects" guide):
  models/staging/<system>/stg_<system>__<table>.sql   one per source table, select from source()
  models/intermediate/<domain>/int_<domain>__<n>.sql   ref 1-4 earlier models, sometimes a source
  models/marts/<domain>/{fct,dim}_<domain>__<n>.sql    ref 1-4 earlier models
  a properties YAML per folder (descriptions, configs, ~3 generic tests per model),
  a sources YAML per system, ~20 project macros, dbt_project.yml with folder configs,
  profiles.yml with an in-memory DuckDB target.
Many models use a {% for %} loop and call project macros; some call config(), var(),
is_incremental(). Output is a pure function of (models, seed): no clock, no hashing
of unordered containers. Prints a JSON summary (counts) on stdout.
Standard library only.
"""
import argparse
import json
import os
import random
import shutil
import sys

PROJECT = "bench_shop"
SYSTEMS = ["stripe", "shopify", "salesforce", "zendesk", "hubspot", "netsuite", "segment",
           "intercom", "jira", "github", "braze", "marketo"]
DOMAINS = ["finance", "marketing", "product", "sales", "support", "operations", "growth", "people"]
TABLE_NOUNS = ["orders", "customers", "payments", "invoices", "accounts", "events", "tickets",
               "sessions", "subscriptions", "refunds", "contacts", "products", "users", "leads"]
STATUSES = ["placed", "shipped", "completed", "returned", "cancelled"]
PAYMENT_METHODS = ["credit_card", "coupon", "bank_transfer", "gift_card"]
OWNERS = ["analytics", "finance-eng", "growth-team", "data-platform"]

# ~20 macros across a few files, as a real project's macros/ folder has them.
MACROS = {
    "macros/money.sql": """\
{% macro cents_to_dollars(column_name, scale=2) -%}
    round(cast({{ column_name }} as decimal(18, 4)) / 100, {{ scale }})
{%- endmacro %}

{% macro safe_divide(numerator, denominator) -%}
    case when {{ denominator }} = 0 then null else {{ numerator }} / {{ denominator }} end
{%- endmacro %}

{% macro coalesce_zero(column_name) -%}
    coalesce({{ column_name }}, 0)
{%- endmacro %}

{% macro percent_of_total(column_name, partition_by=none) -%}
    {{ safe_divide(column_name, 'sum(' ~ column_name ~ ') over (' ~ ('partition by ' ~ partition_by if partition_by else '') ~ ')') }}
{%- endmacro %}
""",
    "macros/strings.sql": """\
{% macro clean_string(column_name) -%}
    nullif(trim(lower({{ column_name }})), '')
{%- endmacro %}

{% macro email_domain(column_name) -%}
    split_part({{ clean_string(column_name) }}, '@', 2)
{%- endmacro %}

{% macro surrogate_key(columns) -%}
    md5(concat_ws('|'{% for c in columns %}, coalesce(cast({{ c }} as varchar), '_null_'){% endfor %}))
{%- endmacro %}

{% macro quote_list(values) -%}
    {%- for v in values -%}'{{ v }}'{{ ", " if not loop.last }}{%- endfor -%}
{%- endmacro %}
""",
    "macros/dates.sql": """\
{% macro to_date_key(column_name) -%}
    cast(strftime({{ column_name }}, '%Y%m%d') as integer)
{%- endmacro %}

{% macro days_between(start_column, end_column) -%}
    date_diff('day', {{ start_column }}, {{ end_column }})
{%- endmacro %}

{% macro is_recent(column_name, days=30) -%}
    {{ column_name }} >= current_date - interval '{{ days }} days'
{%- endmacro %}

{% macro fiscal_quarter(column_name) -%}
    'FY' || cast(year({{ column_name }} + interval '{{ var("fiscal_year_offset_months", 0) }} months') as varchar)
        || '-Q' || cast(quarter({{ column_name }}) as varchar)
{%- endmacro %}

{% macro start_date_filter(column_name) -%}
    {{ column_name }} >= date '{{ var("start_date") }}'
{%- endmacro %}
""",
    "macros/pivots.sql": """\
{% macro pivot_sum(column_name, values, value_column, prefix='') -%}
    {%- for v in values %}
    sum(case when {{ column_name }} = '{{ v }}' then {{ value_column }} else 0 end) as {{ prefix }}{{ v }}_{{ value_column }}
    {{- "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{% macro count_if_in(column_name, values) -%}
    count(*) filter (where {{ column_name }} in ({{ quote_list(values) }}))
{%- endmacro %}

{% macro status_flags(column_name, statuses) -%}
    {%- set flags = [] -%}
    {%- for s in statuses -%}
        {%- do flags.append(column_name ~ " = '" ~ s ~ "' as is_" ~ s) -%}
    {%- endfor -%}
    {{ flags | join(",\\n    ") }}
{%- endmacro %}
""",
    "macros/audit.sql": """\
{% macro audit_columns() -%}
    current_timestamp as _loaded_at,
    '{{ target.name }}' as _target
{%- endmacro %}

{% macro limit_in_dev(row_count=1000) -%}
    {%- if target.name == 'dev' and var('limit_dev_rows', false) %}
    limit {{ row_count }}
    {%- endif %}
{%- endmacro %}

{% macro dedupe(relation_cte, key, order_by='updated_at') -%}
    select * from {{ relation_cte }}
    qualify row_number() over (partition by {{ key }} order by {{ order_by }} desc) = 1
{%- endmacro %}

{% macro incremental_filter(column_name='updated_at') -%}
    {%- if is_incremental() %}
    where {{ column_name }} > (select coalesce(max({{ column_name }}), '1900-01-01') from {{ this }})
    {%- endif %}
{%- endmacro %}
""",
    # A real project's override of schema naming: custom schemas are used as-is in prod.
    "macros/generate_schema_name.sql": """\
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- set default_schema = target.schema -%}
    {%- if custom_schema_name is none -%}
        {{ default_schema }}
    {%- elif target.name == 'prod' -%}
        {{ custom_schema_name | trim }}
    {%- else -%}
        {{ default_schema }}_{{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
""",
}
MACRO_COUNT = sum(text.count("{% macro ") for text in MACROS.values())


class Model:
    def __init__(self, name, layer, folder, index):
        self.name = name
        self.layer = layer          # staging | intermediate | marts
        self.folder = folder        # path under models/
        self.index = index          # creation order: refs only point to lower indexes
        self.parents = []           # model names
        self.sources = []           # (system, table)
        self.materialized = None    # set by config() in the file, if any
        self.tests = 0


def plan(n_models, rng):
    """Decides every model's name, folder and parents (a DAG in creation order)."""
    n_staging = max(1, n_models * 3 // 10)
    n_marts = max(1, n_models * 25 // 100) if n_models >= 3 else 0
    n_inter = n_models - n_staging - n_marts
    n_systems = min(len(SYSTEMS), n_staging, max(2, (n_staging + 29) // 30))
    systems = SYSTEMS[:n_systems]
    # Sources: one table per staging model, spread over the systems.
    source_tables = {s: [] for s in systems}
    models = []
    for i in range(n_staging):
        system = systems[i % n_systems]
        table = "%s_%d" % (TABLE_NOUNS[i % len(TABLE_NOUNS)], i // len(TABLE_NOUNS))
        source_tables[system].append(table)
        m = Model("stg_%s__%s" % (system, table), "staging", "staging/%s" % system, len(models))
        m.sources.append((system, table))
        models.append(m)
    n_domains = min(len(DOMAINS), max(1, n_inter), max(2, (n_inter + n_marts + 59) // 60))
    domains = DOMAINS[:n_domains]
    staging = list(models)
    inter = []
    for i in range(n_inter):
        domain = domains[i % n_domains]
        m = Model("int_%s__step_%d" % (domain, i), "intermediate", "intermediate/%s" % domain, len(models))
        pool = staging + inter
        # Mostly recent models (a realistic, deep DAG), sometimes anything earlier.
        for _ in range(rng.randint(1, 4)):
            if inter and rng.random() < 0.6:
                p = inter[max(0, len(inter) - 1 - int(rng.expovariate(1 / 40.0)))]
            else:
                p = rng.choice(pool)
            if p.name not in m.parents:
                m.parents.append(p.name)
        if rng.random() < 0.15:
            system = rng.choice(systems)
            m.sources.append((system, rng.choice(source_tables[system])))
        inter.append(m)
        models.append(m)
    marts = []
    for i in range(n_marts):
        domain = domains[i % n_domains]
        kind = "fct" if i % 3 else "dim"
        m = Model("%s_%s__%d" % (kind, domain, i), "marts", "marts/%s" % domain, len(models))
        pool = (inter or staging) + marts
        for _ in range(rng.randint(1, 4)):
            p = marts[-1 - rng.randrange(min(len(marts), 20))] if marts and rng.random() < 0.25 else rng.choice(inter or staging)
            if p.name not in m.parents:
                m.parents.append(p.name)
        if rng.random() < 0.05:
            system = rng.choice(systems)
            m.sources.append((system, rng.choice(source_tables[system])))
        marts.append(m)
        models.append(m)
    return models, source_tables, domains


def model_sql(m, rng):
    lines = []
    uses_incremental = False
    if m.layer == "marts" and rng.random() < 0.2:
        m.materialized = "incremental"
        uses_incremental = True
        lines.append("{{\n    config(\n        materialized='incremental',\n        unique_key='id',\n"
                     "        tags=['incremental']\n    )\n}}\n")
    elif rng.random() < 0.1:
        lines.append("{{ config(tags=['%s'], meta={'owner': '%s'}) }}\n" % (
            rng.choice(["pii", "hourly", "nightly", "core"]), rng.choice(OWNERS)))
    loop_kind = rng.random()
    if m.layer != "staging" and loop_kind < 0.7:
        lines.append("{%%- set payment_methods = [%s] -%%}\n" % ", ".join("'%s'" % p for p in PAYMENT_METHODS))
    ctes = []
    if m.layer == "staging":
        system, table = m.sources[0]
        lines.append("{%- set timestamp_columns = ['created_at', 'updated_at'] -%}\n")
        ctes.append("source as (\n\n    select * from {{ source('%s', '%s') }}\n\n)" % (system, table))
        ctes.append(
            "renamed as (\n\n    select\n"
            "        id,\n"
            "        {{ clean_string('status') }} as status,\n"
            "        {{ cents_to_dollars('amount_cents') }} as amount,\n"
            "        {{ clean_string('email') }} as email,\n"
            "        {{ email_domain('email') }} as email_domain,\n"
            "        payment_method,\n"
            "        {%- for column in timestamp_columns %}\n"
            "        cast({{ column }} as timestamp) as {{ column }},\n"
            "        {%- endfor %}\n"
            "        {{ audit_columns() }}\n"
            "    from source\n"
            "    where {{ start_date_filter('created_at') }}\n\n)")
        ctes.append("deduped as (\n\n    {{ dedupe('renamed', 'id') }}\n\n)")
        final_from = "deduped"
        body = "select * from %s\n{{ limit_in_dev() }}\n" % final_from
        lines.append("with " + ",\n\n".join(ctes) + "\n\n" + body)
        return "\n".join(lines)
    for p in m.parents:
        ctes.append("%s as (\n\n    select * from {{ ref('%s') }}\n\n)" % (p, p))
    for system, table in m.sources:
        ctes.append("raw_%s as (\n\n    select * from {{ source('%s', '%s') }}\n\n)" % (table, system, table))
    first = m.parents[0]
    select = ["        %s.id" % first,
              "        {{ surrogate_key(['%s.id', '%s.status']) }} as %s_key" % (first, first, m.name)]
    for p in m.parents[1:]:
        select.append("        %s.id as %s_id" % (p, p))
    select.append("        %s.status" % first)
    if loop_kind < 0.7:
        # The dbt documentation's loop style: each iteration ends with its own comma, so the
        # loop is glued to the column after it rather than joined with ",\n".
        select.append("        {%% for method in payment_methods -%%}\n"
                      "        sum(case when %s.payment_method = '{{ method }}' then %s.amount else 0 end)"
                      " as {{ method }}_amount,\n        {%% endfor -%%}\n"
                      "        {{ coalesce_zero('sum(%s.amount)') }} as total_amount" % (first, first, first))
    else:
        select.append("        {{ pivot_sum('%s.status', %r, 'amount') }}" % (first, STATUSES[: 2 + m.index % 4]))
    macro_pick = m.index % 5
    if macro_pick == 0:
        select.append("        {{ days_between('min(%s.created_at)', 'max(%s.updated_at)') }} as active_days" % (first, first))
    elif macro_pick == 1:
        select.append("        {{ fiscal_quarter('max(%s.created_at)') }} as fiscal_quarter" % first)
    elif macro_pick == 2:
        select.append("        {{ count_if_in('%s.status', %r) }} as open_count" % (first, STATUSES[:2]))
    elif macro_pick == 3:
        select.append("        {{ to_date_key('max(%s.created_at)') }} as last_date_key" % first)
    else:
        select.append("        {{ percent_of_total('%s.amount') }} as amount_share" % first)
    select.append("        max(%s.updated_at) as updated_at" % first)
    joins = ["    from %s" % first]
    for p in m.parents[1:]:
        joins.append("    left join %s on %s.id = %s.id" % (p, p, first))
    for system, table in m.sources:
        joins.append("    left join raw_%s on raw_%s.id = %s.id" % (table, table, first))
    group = "    group by all"
    where = "    {{ incremental_filter('%s.updated_at') }}" % first if uses_incremental else ""
    final = "final as (\n\n    select\n%s\n%s\n%s%s\n\n)" % (
        ",\n".join(select), "\n".join(joins), (where + "\n") if where else "", group)
    ctes.append(final)
    lines.append("with " + ",\n\n".join(ctes) + "\n\nselect * from final\n")
    return "\n".join(lines)


def yaml_list(values):
    return "[" + ", ".join("'%s'" % v for v in values) + "]"


def model_yaml(m, rng, by_name):
    """One properties entry with a description, sometimes a config, ~3 generic tests."""
    out = ["  - name: %s" % m.name,
           "    description: >\n      %s model (%s layer), one row per id; built from %s."
           % (m.name, m.layer, ", ".join(m.parents + ["%s.%s" % s for s in m.sources]))]
    if rng.random() < 0.25:
        out.append("    config:\n      tags: ['%s']\n      meta:\n        owner: %s" % (
            rng.choice(["tier_1", "tier_2", "reviewed"]), rng.choice(OWNERS)))
    out.append("    columns:")
    out.append("      - name: id\n        description: Primary key.\n        data_tests:\n          - unique\n          - not_null")
    tests = 2
    r = rng.random()
    if r < 0.4 or not m.parents:
        values = STATUSES[: 3 + m.index % 3]
        severity = "\n              config:\n                severity: warn" if m.index % 4 == 0 else ""
        out.append("      - name: status\n        description: Lifecycle status.\n        data_tests:\n"
                   "          - accepted_values:\n              arguments:\n                values: %s%s"
                   % (yaml_list(values), severity))
        tests += 1
    elif r < 0.8 and len(m.parents) > 1:
        p = m.parents[1]
        out.append("      - name: %s_id\n        description: Foreign key to %s.\n        data_tests:\n"
                   "          - relationships:\n              arguments:\n                to: ref('%s')\n"
                   "                field: id" % (p, p, p))
        tests += 1
    else:
        out.append("      - name: updated_at\n        description: Last change.\n        data_tests:\n          - not_null")
        tests += 1
    m.tests = tests
    return "\n".join(out)


def project_yml(domains, systems):
    lines = [
        "name: %s" % PROJECT,
        "version: '1.0.0'",
        "config-version: 2",
        "profile: %s" % PROJECT,
        "",
        "model-paths: ['models']",
        "macro-paths: ['macros']",
        "test-paths: ['tests']",
        "target-path: target",
        "clean-targets: ['target', 'dbt_packages']",
        "",
        "vars:",
        "  start_date: '2020-01-01'",
        "  fiscal_year_offset_months: 1",
        "  limit_dev_rows: false",
        "",
        "models:",
        "  %s:" % PROJECT,
        "    +materialized: view",
        "    staging:",
        "      +schema: staging",
        "      +tags: ['staging']",
    ]
    for i, s in enumerate(systems):
        lines.append("      %s:" % s)
        lines.append("        +tags: ['%s']" % s)
        if i % 3 == 0:
            lines.append("        +meta:\n          contains_pii: true")
    lines += ["    intermediate:", "      +schema: intermediate", "      +tags: ['intermediate']"]
    for d in domains:
        lines.append("      %s:\n        +tags: ['%s']" % (d, d))
    lines += ["    marts:", "      +materialized: table", "      +schema: marts"]
    for i, d in enumerate(domains):
        lines.append("      %s:\n        +schema: %s\n        +tags: ['%s']" % (d, d, d))
        if i % 2 == 0:
            lines.append("        +docs:\n          node_color: '#%02x7acc'" % (40 * i % 256))
    lines += ["", "data_tests:", "  %s:" % PROJECT, "    +severity: error", ""]
    return "\n".join(lines)


PROFILES = """\
%s:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: ":memory:"
      schema: analytics
      threads: 4
""" % PROJECT


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def generate(n_models, out, seed):
    rng = random.Random(seed)
    models, source_tables, domains = plan(n_models, rng)
    by_name = {m.name: m for m in models}
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    write(os.path.join(out, "dbt_project.yml"), project_yml(domains, list(source_tables)))
    write(os.path.join(out, "profiles.yml"), PROFILES)
    for path, text in MACROS.items():
        write(os.path.join(out, path), text)
    folders = {}
    for m in models:
        write(os.path.join(out, "models", m.folder, m.name + ".sql"), model_sql(m, rng))
        folders.setdefault(m.folder, []).append(m)
    n_tests = 0
    for folder, members in sorted(folders.items()):
        leaf = folder.split("/")[-1]
        entries = [model_yaml(m, rng, by_name) for m in members]
        n_tests += sum(m.tests for m in members)
        write(os.path.join(out, "models", folder, "_%s__models.yml" % leaf),
              "version: 2\n\nmodels:\n" + "\n\n".join(entries) + "\n")
    n_source_tables = 0
    for system, tables in sorted(source_tables.items()):
        if not tables:
            continue
        entries = []
        for i, t in enumerate(tables):
            n_source_tables += 1
            entry = ("      - name: %s\n        description: Raw %s rows as loaded by the %s connector.\n"
                     "        loaded_at_field: _loaded_at\n        columns:\n          - name: id\n"
                     "            description: Primary key." % (t, t.split("_")[0], system))
            if i % 5 == 0:  # real projects test some of their sources
                entry += "\n            data_tests:\n              - not_null"
                n_tests += 1
            entries.append(entry)
        write(os.path.join(out, "models", "staging", system, "_%s__sources.yml" % system),
              "version: 2\n\nsources:\n  - name: %s\n    description: Data synced from %s.\n"
              "    database: raw\n    schema: %s\n    freshness:\n      warn_after: {count: 12, period: hour}\n"
              "      error_after: {count: 24, period: hour}\n    tables:\n%s\n"
              % (system, system.capitalize(), system, "\n".join(entries)))
    return {
        "project": PROJECT,
        "models": len(models),
        "tests": n_tests,
        "model_tests": sum(m.tests for m in models),
        "macros": MACRO_COUNT,
        "sources": len([s for s in source_tables if source_tables[s]]),
        "source_tables": n_source_tables,
        "seed": seed,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", type=int, required=True, help="number of models (>= 1)")
    parser.add_argument("--out", required=True, help="project folder (replaced if it exists)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.models < 1:
        parser.error("--models must be at least 1")
    json.dump(generate(args.models, args.out, args.seed), sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
