#include "sample_manifest.h"

#include <string>

namespace strata::artifacts::testing {

using manifest::ColumnProperties;
using manifest::Json;
using manifest::Manifest;
using manifest::Node;
using manifest::NodeId;
using manifest::RefCall;
using manifest::ResourceType;
using manifest::SourceCall;
using manifest::TestMetadata;

namespace {

constexpr const char* kProject = "jaffle_shop";

Node base(ResourceType type, const std::string& name, const std::string& folder, const std::string& path) {
  Node node;
  node.type = type;
  node.name = name;
  node.package_name = kProject;
  node.unique_id = std::string(manifest::resource_type_name(type)) + "." + kProject + "." + name;
  node.path = path;
  node.original_file_path = folder + "/" + path;
  node.fqn = {kProject};
  std::string stem = path.substr(0, path.rfind('.'));
  for (size_t start = 0;;) {
    size_t slash = stem.find('/', start);
    if (slash == std::string::npos) break;
    node.fqn.push_back(stem.substr(start, slash - start));
    start = slash + 1;
  }
  node.fqn.push_back(name);
  node.database = "dev";
  node.schema = "main";
  node.alias = name;
  node.relation_name = "\"dev\".\"main\".\"" + name + "\"";
  node.checksum = std::string(64, 'a');
  return node;
}

ColumnProperties column(const std::string& name, const std::string& description = "") {
  ColumnProperties column;
  column.name = name;
  column.description = description;
  return column;
}

NodeId add_generic_test(Manifest& manifest, const std::string& test, NodeId on, const std::string& column_name,
                        Json extra_kwargs = Json::object()) {
  const Node& target = manifest.node(on);
  std::string model_ref = target.type == ResourceType::Source
                              ? "{{ get_where_subquery(source('" + target.source_name + "', '" + target.name + "')) }}"
                              : "{{ get_where_subquery(ref('" + target.name + "')) }}";
  std::string name = test + "_" + (target.type == ResourceType::Source ? target.source_name + "_" : "") +
                     target.name + "_" + column_name;
  Node node = base(ResourceType::Test, name, "models", name + ".sql");
  node.original_file_path = target.type == ResourceType::Source ? "models/staging/sources.yml" : "models/schema.yml";
  node.fqn = {kProject, name};
  node.checksum.clear();
  node.schema = "main_dbt_test__audit";
  node.alias = name;
  node.relation_name.clear();
  node.raw_code = "{{ test_" + test + "(**_dbt_generic_test_kwargs) }}";
  node.column_name = column_name;
  node.attached_node = on;
  node.depends_on = {on};
  node.depends_on_macros = {"macro.dbt.test_" + test};
  if (target.type == ResourceType::Source)
    node.sources.push_back(SourceCall{target.source_name, target.name, {}});
  else
    node.refs.push_back(RefCall{"", target.name, std::nullopt, {}});
  TestMetadata metadata;
  metadata.name = test;
  metadata.kwargs = Json::object();
  metadata.kwargs["column_name"] = column_name;
  metadata.kwargs["model"] = model_ref;
  for (const auto& [key, value] : extra_kwargs.items()) metadata.kwargs[key] = value;
  node.test_metadata = metadata;
  return manifest.add(std::move(node));
}

}  // namespace

ManifestMetadata fixed_metadata() {
  ManifestMetadata metadata;
  metadata.generated_at = Clock::time_point(std::chrono::seconds(1767225600)) + std::chrono::microseconds(123456);
  metadata.invocation_id = "2f6a4c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b";
  metadata.strata_version = "0.1.0";
  metadata.quoting.database = false;
  metadata.selectors = Json::parse(R"({"nightly": {"name": "nightly", "description": "",
      "definition": {"method": "tag", "value": "nightly"}}})");
  return metadata;
}

Manifest make_sample_manifest() {
  Manifest m;
  m.project_name = kProject;

  m.macros.push_back({"macro.jaffle_shop.cents_to_dollars", kProject, "cents_to_dollars",
                      "macros/cents_to_dollars.sql", "Converts cents to dollars.", {},
                      "{% macro cents_to_dollars(column) %}({{ column }} / 100)::numeric(16, 2){% endmacro %}", {}});
  m.macros.push_back({"macro.dbt.test_not_null", "dbt", "test_not_null", "macros/generic_test_sql/not_null.sql", "",
                      {}, "{% test not_null(model, column_name) %}...{% endtest %}", {"macro.dbt.default__test_not_null"}});
  m.docs.push_back({"doc.jaffle_shop.__overview__", kProject, "__overview__", "overview.md", "models/overview.md",
                    "# Jaffle shop\nA fictional shop."});
  m.docs.push_back({"doc.jaffle_shop.order_status", kProject, "order_status", "docs.md", "models/docs.md",
                    "One of placed, shipped, completed, returned."});

  Node seed = base(ResourceType::Seed, "raw_payments", "seeds", "raw_payments.csv");
  seed.config = Json::parse(R"({"column_types": {"amount": "integer"}, "delimiter": ";", "quote_columns": true})");
  NodeId raw_payments = m.add(std::move(seed));

  Node orders = base(ResourceType::Source, "orders", "models", "staging/sources.yml");
  orders.unique_id = "source.jaffle_shop.raw.orders";
  orders.fqn = {kProject, "staging", "raw", "orders"};
  orders.source_name = "raw";
  orders.identifier = "raw_orders";
  orders.relation_name = "\"dev\".\"raw\".\"raw_orders\"";
  orders.schema = "raw";
  orders.loader = "csv";
  orders.source_description = "Raw shop data";
  orders.source_meta = Json{{"owner", "data-eng"}};
  orders.loaded_at_field = "_loaded_at";
  orders.freshness = Json::parse(R"({"warn_after": {"count": 12, "period": "hour"},
                                     "error_after": {"count": 1, "period": "day"}})");
  orders.checksum.clear();
  orders.patch_path.clear();
  orders.columns = {column("id", "Order id")};
  NodeId source_orders = m.add(std::move(orders));

  Node customers_src = base(ResourceType::Source, "customers", "models", "staging/sources.yml");
  customers_src.unique_id = "source.jaffle_shop.raw.customers";
  customers_src.fqn = {kProject, "staging", "raw", "customers"};
  customers_src.source_name = "raw";
  customers_src.schema = "raw";
  customers_src.external = Json{{"location", "data/customers.parquet"}};
  customers_src.relation_name = "read_parquet('data/customers.parquet')";
  customers_src.checksum.clear();
  NodeId source_customers = m.add(std::move(customers_src));

  Node stg_orders = base(ResourceType::Model, "stg_orders", "models", "staging/stg_orders.sql");
  stg_orders.raw_code = "select id as order_id, user_id as customer_id, status from {{ source('raw', 'orders') }}";
  stg_orders.sources.push_back(SourceCall{"raw", "orders", {}});
  stg_orders.depends_on = {source_orders};
  stg_orders.tags = {"staging"};
  stg_orders.config = Json::parse(R"({"materialized": "view", "tags": ["staging"]})");
  stg_orders.compiled_code = "select id as order_id, user_id as customer_id, status from \"dev\".\"raw\".\"raw_orders\"";
  NodeId stg_orders_id = m.add(std::move(stg_orders));

  Node stg_customers = base(ResourceType::Model, "stg_customers", "models", "staging/stg_customers.sql");
  stg_customers.raw_code = "select * from {{ source('raw', 'customers') }}";
  stg_customers.sources.push_back(SourceCall{"raw", "customers", {}});
  stg_customers.depends_on = {source_customers};
  stg_customers.config = Json::parse(R"({"materialized": "ephemeral"})");
  stg_customers.relation_name.clear();  // ephemeral models have no relation
  NodeId stg_customers_id = m.add(std::move(stg_customers));

  Node payments = base(ResourceType::Model, "stg_payments", "models", "staging/stg_payments.sql");
  payments.raw_code = "{{ config(materialized='incremental', unique_key=['payment_id', 'order_id']) }}\n"
                      "select id as payment_id, order_id, {{ cents_to_dollars('amount') }} as amount "
                      "from {{ ref('raw_payments') }}";
  payments.refs.push_back(RefCall{"", "raw_payments", std::nullopt, {}});
  payments.depends_on = {raw_payments};
  payments.depends_on_macros = {"macro.jaffle_shop.cents_to_dollars"};
  payments.config = Json::parse(R"({"materialized": "incremental", "unique_key": ["payment_id", "order_id"],
      "incremental_strategy": "delete+insert", "on_schema_change": "append_new_columns",
      "pre-hook": "set threads = 2", "post-hook": [{"sql": "analyze {{ this }}", "transaction": false}]})");
  NodeId payments_id = m.add(std::move(payments));

  Node customers = base(ResourceType::Model, "customers", "models", "customers.sql");
  customers.raw_code = "select c.*, count(o.order_id) as orders from {{ ref('stg_customers') }} c "
                       "left join {{ ref('stg_orders') }} o using (customer_id) group by all";
  customers.refs.push_back(RefCall{"", "stg_customers", std::nullopt, {}});
  customers.refs.push_back(RefCall{"jaffle_shop", "stg_orders", std::nullopt, {}});
  customers.depends_on = {stg_orders_id, stg_customers_id};
  customers.description = "One row per customer.";
  customers.patch_path = "models/schema.yml";
  customers.meta = Json{{"owner", "analytics"}};
  customers.tags = {"nightly", "mart"};
  customers.config = Json::parse(R"({"materialized": "table", "tags": ["nightly", "mart"],
      "meta": {"owner": "analytics"}, "contract": {"enforced": true},
      "persist_docs": {"relation": true, "columns": true}, "docs": {"node_color": "#cd7f32"},
      "grants": {"select": ["reporter"]}, "access": "public"})");
  ColumnProperties customer_id = column("customer_id", "Primary key");
  customer_id.data_type = "integer";
  customer_id.constraints = Json::parse(R"([{"type": "not_null"}])");
  ColumnProperties orders_count = column("orders");
  orders_count.data_type = "bigint";
  orders_count.meta = Json{{"unit", "count"}};
  orders_count.tags = {"metric"};
  customers.columns = {customer_id, orders_count};
  NodeId customers_id = m.add(std::move(customers));

  for (int version : {1, 2}) {
    Node dim = base(ResourceType::Model, "dim_orders", "models", "marts/dim_orders_v" + std::to_string(version) + ".sql");
    dim.unique_id = "model.jaffle_shop.dim_orders.v" + std::to_string(version);
    dim.fqn = {kProject, "marts", "dim_orders", "v" + std::to_string(version)};
    dim.alias = "dim_orders_v" + std::to_string(version);
    dim.relation_name = "\"dev\".\"main\".\"" + dim.alias + "\"";
    dim.version = std::to_string(version);
    dim.latest_version = "2";
    dim.raw_code = "select * from {{ ref('stg_orders') }}";
    dim.refs.push_back(RefCall{"", "stg_orders", std::nullopt, {}});
    dim.depends_on = {stg_orders_id};
    dim.config = Json::parse(R"({"materialized": "table"})");
    dim.patch_path = "models/marts/dim_orders.yml";
    m.add(std::move(dim));
  }

  Node report = base(ResourceType::Model, "order_report", "models", "marts/order_report.sql");
  report.raw_code = "select * from {{ ref('dim_orders', v=1) }}";
  report.refs.push_back(RefCall{"", "dim_orders", std::string("1"), {}});
  report.depends_on = {m.find("model.jaffle_shop.dim_orders.v1")};
  m.add(std::move(report));

  Node old_model = base(ResourceType::Model, "old_orders", "models", "legacy/old_orders.sql");
  old_model.raw_code = "{{ config(enabled=false) }} select 1";
  old_model.config = Json::parse(R"({"enabled": false})");
  // As the parser keeps enabled: false nodes: apart, with no resolved dependencies.
  m.disabled.push_back(std::move(old_model));

  Node snapshot = base(ResourceType::Snapshot, "orders_snapshot", "snapshots", "orders_snapshot.sql");
  snapshot.schema = "snapshots";
  snapshot.relation_name = "\"dev\".\"snapshots\".\"orders_snapshot\"";
  snapshot.raw_code = "{% snapshot orders_snapshot %}select * from {{ source('raw', 'orders') }}{% endsnapshot %}";
  snapshot.sources.push_back(SourceCall{"raw", "orders", {}});
  snapshot.depends_on = {source_orders};
  snapshot.config = Json::parse(R"({"strategy": "timestamp", "unique_key": "id", "updated_at": "updated_at",
      "target_schema": "snapshots", "hard_deletes": "invalidate",
      "snapshot_meta_column_names": {"dbt_valid_to": "valid_to"}})");
  m.add(std::move(snapshot));

  add_generic_test(m, "not_null", customers_id, "customer_id");
  add_generic_test(m, "unique", customers_id, "customer_id");
  add_generic_test(m, "accepted_values", stg_orders_id, "status",
                   Json{{"values", Json::array({"placed", "shipped", "completed", "returned"})}});
  NodeId relationship = add_generic_test(m, "relationships", payments_id, "order_id",
                                         Json{{"to", "ref('stg_orders')"}, {"field", "order_id"}});
  m.node(relationship).depends_on.push_back(stg_orders_id);
  m.node(relationship).refs.push_back(RefCall{"", "stg_orders", std::nullopt, {}});
  m.node(relationship).config = Json::parse(R"({"severity": "warn", "where": "order_id > 0", "limit": 10,
      "store_failures": true, "tags": ["fk"]})");
  m.node(relationship).tags = {"fk"};
  add_generic_test(m, "not_null", source_orders, "id");

  Node singular = base(ResourceType::Test, "assert_positive_payments", "tests", "assert_positive_payments.sql");
  singular.raw_code = "select * from {{ ref('stg_payments') }} where amount < 0";
  singular.refs.push_back(RefCall{"", "stg_payments", std::nullopt, {}});
  singular.depends_on = {payments_id};
  singular.schema = "main_dbt_test__audit";
  singular.relation_name.clear();
  singular.compiled_code = "select * from \"dev\".\"main\".\"stg_payments\" where amount < 0";
  m.add(std::move(singular));

  Node unit = base(ResourceType::UnitTest, "test_orders_count", "models", "schema.yml");
  unit.unique_id = "unit_test.jaffle_shop.customers.test_orders_count";
  unit.fqn = {kProject, "customers", "test_orders_count"};
  unit.original_file_path = "models/schema.yml";
  unit.checksum = "5e1b1b6f0f2a";
  unit.relation_name.clear();
  unit.depends_on = {customers_id};
  unit.description = "Counts orders per customer";
  manifest::UnitTestSpec spec;
  spec.model = "customers";
  spec.given = Json::parse(R"json([
      {"input": "ref('stg_customers')", "rows": [{"customer_id": 1}, {"customer_id": 2}]},
      {"input": "ref('stg_orders')", "format": "csv", "rows": "order_id,customer_id\n1,1\n2,1\n"}])json");
  spec.expect = Json::parse(R"({"rows": [{"customer_id": 1, "orders": 2}, {"customer_id": 2, "orders": 0}]})");
  spec.overrides = Json::parse(R"({"vars": {"start_date": "2020-01-01"}})");
  unit.unit_test = spec;
  m.add(std::move(unit));

  Node analysis = base(ResourceType::Analysis, "revenue_by_month", "analyses", "revenue_by_month.sql");
  analysis.raw_code = "select date_trunc('month', ordered_at), sum(amount) from {{ ref('stg_payments') }} group by 1";
  analysis.refs.push_back(RefCall{"", "stg_payments", std::nullopt, {}});
  analysis.depends_on = {payments_id};
  analysis.relation_name.clear();
  m.add(std::move(analysis));

  Node hook = base(ResourceType::Operation, "jaffle_shop-on-run-start-0", "hooks", "jaffle_shop-on-run-start-0.sql");
  hook.original_file_path = "./dbt_project.yml";
  hook.fqn = {kProject, "hooks", "jaffle_shop-on-run-start-0"};
  hook.raw_code = "create schema if not exists audit";
  hook.relation_name.clear();
  hook.checksum.clear();
  hook.config = Json::parse(R"({"materialized": "view"})");
  m.add(std::move(hook));

  Node exposure = base(ResourceType::Exposure, "weekly_dashboard", "models", "exposures.yml");
  exposure.fqn = {kProject, "weekly_dashboard"};
  exposure.exposure_type = "dashboard";
  exposure.owner = Json{{"name", "Jane"}, {"email", "jane@example.com"}};
  exposure.url = "https://bi.example.com/weekly";
  exposure.label = "Weekly dashboard";
  exposure.maturity = "high";
  exposure.refs.push_back(RefCall{"", "customers", std::nullopt, {}});
  exposure.depends_on = {customers_id};
  exposure.relation_name.clear();
  exposure.database.clear();
  m.add(std::move(exposure));

  return m;
}

Manifest make_hostile_manifest() {
  Manifest m = make_sample_manifest();
  for (auto& node : m.nodes()) {
    node.config = Json::parse(R"({"tags": {"not": "a list"}, "meta": [1, 2], "pre-hook": 5, "post-hook": [null, {"sql": 3}],
        "docs": "shown", "contract": [true], "enabled": "yes", "materialized": 7, "persist_docs": "all",
        "access": "secret", "freshness": "daily", "limit": "ten", "severity": {"level": 1}, "on_configuration_change": 1,
        "snapshot_meta_column_names": 3, "quoting": "yes", "group": 12, "column_types": [], "unknown_key": {"x": 1}})");
    node.meta = "meta as a string";
    node.description = "bad utf-8 \xff\xfe and a nul-free control \x01 char";
    node.raw_code += "\xc3";
    node.depends_on.push_back(999999);  // dangling
    node.attached_node = node.type == ResourceType::Test ? 888888 : node.attached_node;
    for (auto& column : node.columns) {
      column.meta = Json::array({1});
      column.constraints = Json::parse(R"([{"type": "unknown"}, 5, {"type": "check", "expression": 3, "to_columns": "x"}])");
    }
    if (node.test_metadata) node.test_metadata->kwargs = "not an object";
    if (node.unit_test) {
      node.unit_test->given = Json::parse(R"(["x", {"input": 5, "rows": 7, "format": "xml", "fixture": 1}])");
      node.unit_test->expect = "nothing";
      node.unit_test->overrides = Json::parse(R"({"vars": [1], "macros": "m"})");
    }
    node.freshness = Json::parse(R"({"warn_after": {"count": "12", "period": "fortnight"}, "filter": 1})");
    node.external = "s3://not-an-object";
    node.owner = "someone";
    node.source_meta = nullptr;
    if (node.version) node.version = "v2-beta";
  }
  return m;
}

Manifest make_large_manifest(int models, int tests_per_model) {
  Manifest m;
  m.project_name = "bench";
  static const char* const kTests[] = {"not_null", "unique", "accepted_values", "relationships"};
  std::vector<NodeId> model_ids;
  for (int i = 0; i < models; ++i) {
    std::string name = "model_" + std::to_string(i);
    Node node;
    node.type = ResourceType::Model;
    node.name = name;
    node.package_name = "bench";
    node.unique_id = "model.bench." + name;
    node.path = "group_" + std::to_string(i / 100) + "/" + name + ".sql";
    node.original_file_path = "models/" + node.path;
    node.fqn = {"bench", "group_" + std::to_string(i / 100), name};
    node.database = "dev";
    node.schema = "main";
    node.alias = name;
    node.relation_name = "\"dev\".\"main\".\"" + name + "\"";
    node.checksum = std::string(64, 'f');
    node.tags = {"bench", "layer_" + std::to_string(i % 3)};
    node.config = Json{{"materialized", i % 10 == 0 ? "table" : "view"}, {"tags", node.tags}};
    node.columns = {column("id", "The key"), column("value")};
    if (i % 10 != 0) {
      std::string parent = "model_" + std::to_string(i - 1);
      node.raw_code = "select id, value + 1 as value from {{ ref('" + parent + "') }}";
      node.refs.push_back(RefCall{"", parent, std::nullopt, {}});
      node.depends_on = {model_ids.back()};
    } else {
      node.raw_code = "select range as id, range as value from range(100)";
    }
    node.compiled_code = node.raw_code;
    model_ids.push_back(m.add(std::move(node)));
    for (int t = 0; t < tests_per_model; ++t)
      add_generic_test(m, kTests[t % 4], model_ids.back(), t % 2 ? "value" : "id");
  }
  return m;
}

}  // namespace strata::artifacts::testing
