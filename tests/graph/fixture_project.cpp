#include "fixture_project.h"

#include <gtest/gtest.h>

namespace strata::graph::testing {

using manifest::Json;
using manifest::ResourceType;

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t pos; (pos = s.find(sep, start)) != std::string::npos; start = pos + 1) out.push_back(s.substr(start, pos - start));
  out.push_back(s.substr(start));
  return out;
}

}  // namespace

ManifestBuilder::ManifestBuilder() : manifest_(std::make_unique<manifest::Manifest>()) {}

manifest::Node& ManifestBuilder::add(ResourceType type, const std::string& unique_id, const std::string& path,
                                     std::vector<std::string> fqn, std::vector<std::string> depends_on) {
  manifest::Node node;
  node.type = type;
  node.unique_id = unique_id;
  auto parts = split(unique_id, '.');
  node.package_name = parts.at(1);
  node.name = parts.at(2);
  if (type == ResourceType::Source) {
    node.source_name = parts.at(2);
    node.name = parts.at(3);
    node.identifier = node.name;
  } else if (type == ResourceType::UnitTest) {
    node.name = parts.at(3);
  } else if (type == ResourceType::Model && parts.size() == 4) {
    node.version = parts.at(3).substr(1);
  }
  node.original_file_path = path;
  node.path = path.substr(path.find('/') + 1);
  node.fqn = std::move(fqn);
  if (type != ResourceType::Source && type != ResourceType::Exposure && type != ResourceType::UnitTest)
    node.alias = node.name;
  node.config = Json::object();
  node.config["enabled"] = true;
  manifest::NodeId id = manifest_->add(std::move(node));
  pending_.emplace_back(id, std::move(depends_on));
  return manifest_->node(id);
}

std::unique_ptr<manifest::Manifest> ManifestBuilder::finish() {
  for (auto& [id, deps] : pending_)
    for (const auto& uid : deps) {
      manifest::NodeId parent = manifest_->find(uid);
      if (parent == manifest::kNoNode) ADD_FAILURE() << "fixture: unknown dependency " << uid;
      manifest_->node(id).depends_on.push_back(parent);
    }
  return std::move(manifest_);
}

namespace {

void set_tags(manifest::Node& node, std::vector<std::string> tags) {
  node.config["tags"] = tags;
  node.tags = std::move(tags);
}

manifest::Node& generic_test(ManifestBuilder& b, const std::string& unique_id, const std::string& yml,
                             std::vector<std::string> fqn, const std::string& test_name, const std::string& ns,
                             const std::string& column, const std::string& attached,
                             std::vector<std::string> depends_on) {
  manifest::Node& t = b.add(ResourceType::Test, unique_id, yml, std::move(fqn), std::move(depends_on));
  manifest::TestMetadata meta;
  meta.name = test_name;
  meta.namespace_ = ns;
  if (!column.empty()) meta.kwargs["column_name"] = column;
  t.test_metadata = meta;
  t.column_name = column;
  t.config["severity"] = "ERROR";
  t.config["materialized"] = "test";
  t.patch_path.clear();
  // attached_node is resolved by unique_id after finish(); remember it in meta for now.
  t.meta["attached"] = attached;
  return t;
}

}  // namespace

std::unique_ptr<manifest::Manifest> make_shop_manifest() {
  ManifestBuilder b;
  const std::string src_yml = "models/staging/sources.yml";

  // Sources.
  auto& orders_src = b.add(ResourceType::Source, "source.shop.raw.orders", src_yml, {"shop", "staging", "raw", "orders"});
  set_tags(orders_src, {"raw"});
  b.add(ResourceType::Source, "source.shop.raw.customers", src_yml, {"shop", "staging", "raw", "customers"});
  b.add(ResourceType::Source, "source.shop.events.clicks", src_yml, {"shop", "staging", "events", "clicks"});

  // Seed.
  auto& seed = b.add(ResourceType::Seed, "seed.shop.country_codes", "seeds/country_codes.csv", {"shop", "country_codes"});
  seed.config["materialized"] = "seed";

  // Staging.
  auto& stg_orders = b.add(ResourceType::Model, "model.shop.stg_orders", "models/staging/stg_orders.sql",
                           {"shop", "staging", "stg_orders"}, {"source.shop.raw.orders"});
  stg_orders.config["materialized"] = "view";
  stg_orders.patch_path = "shop://models/staging/schema.yml";
  set_tags(stg_orders, {"staging"});
  auto& stg_customers = b.add(ResourceType::Model, "model.shop.stg_customers", "models/staging/stg_customers.sql",
                              {"shop", "staging", "stg_customers"}, {"source.shop.raw.customers"});
  stg_customers.config["materialized"] = "view";
  set_tags(stg_customers, {"staging", "pii"});
  auto& stg_clicks = b.add(ResourceType::Model, "model.shop.stg_clicks", "models/staging/stg_clicks.sql",
                           {"shop", "staging", "stg_clicks"}, {"source.shop.events.clicks"});
  stg_clicks.config["materialized"] = "incremental";
  stg_clicks.config["meta"] = Json{{"owner", "web"}, {"tier", 2}};
  set_tags(stg_clicks, {"staging"});

  // Versioned dimension: v1 old, v2 latest, v3 prerelease.
  for (const char* v : {"1", "2", "3"}) {
    std::string file = std::string("models/marts/core/dim_customers") + (std::string(v) == "2" ? "" : std::string("_v") + v) + ".sql";
    auto& dim = b.add(ResourceType::Model, std::string("model.shop.dim_customers.v") + v, file,
                      {"shop", "marts", "core", "dim_customers", std::string("v") + v},
                      {"model.shop.stg_customers", "seed.shop.country_codes"});
    dim.latest_version = "2";
    dim.config["materialized"] = "table";
    dim.config["contract"] = Json{{"enforced", std::string(v) != "1"}};
  }

  auto& fct = b.add(ResourceType::Model, "model.shop.fct_orders", "models/marts/core/fct_orders.sql",
                    {"shop", "marts", "core", "fct_orders"}, {"model.shop.stg_orders", "model.shop.dim_customers.v2"});
  fct.config["materialized"] = "table";
  fct.config["group"] = "finance";
  fct.config["access"] = "public";
  fct.config["meta"] = Json{{"owner", "finance"}, {"contains_pii", false}};
  fct.patch_path = "shop://models/marts/core/schema.yml";
  set_tags(fct, {"finance", "nightly"});
  auto& daily = b.add(ResourceType::Model, "model.shop.orders_daily", "models/marts/finance/orders_daily.sql",
                      {"shop", "marts", "finance", "orders_daily"}, {"model.shop.fct_orders"});
  daily.config["materialized"] = "incremental";
  set_tags(daily, {"finance"});
  auto& clicks = b.add(ResourceType::Model, "model.shop.clicks_summary", "models/marts/marketing/clicks_summary.py",
                       {"shop", "marts", "marketing", "clicks_summary"}, {"model.shop.stg_clicks"});
  clicks.language = "python";
  clicks.config["materialized"] = "table";

  // Snapshot.
  auto& snap = b.add(ResourceType::Snapshot, "snapshot.shop.customers_snapshot", "snapshots/customers_snapshot.sql",
                     {"shop", "customers_snapshot", "customers_snapshot"}, {"model.shop.stg_customers"});
  snap.config["materialized"] = "snapshot";
  snap.config["strategy"] = "timestamp";

  // The second package: a utility model and a model sharing a name with the project's.
  auto& cal = b.add(ResourceType::Model, "model.utils_pkg.calendar", "models/calendar.sql", {"utils_pkg", "calendar"});
  cal.config["materialized"] = "table";
  set_tags(cal, {"utility"});
  auto& pkg_orders = b.add(ResourceType::Model, "model.utils_pkg.stg_orders", "models/staging/stg_orders.sql",
                           {"utils_pkg", "staging", "stg_orders"});
  pkg_orders.config["materialized"] = "view";

  // Generic tests.
  const std::string staging_yml = "models/staging/schema.yml", core_yml = "models/marts/core/schema.yml";
  generic_test(b, "test.shop.not_null_stg_orders_order_id.1a2b3c", staging_yml,
               {"shop", "staging", "not_null_stg_orders_order_id"}, "not_null", "", "order_id", "model.shop.stg_orders",
               {"model.shop.stg_orders"});
  auto& unique_test = generic_test(b, "test.shop.unique_stg_orders_order_id.4d5e6f", staging_yml,
                                   {"shop", "staging", "unique_stg_orders_order_id"}, "unique", "", "order_id",
                                   "model.shop.stg_orders", {"model.shop.stg_orders"});
  unique_test.config["severity"] = "warn";
  generic_test(b, "test.shop.accepted_values_stg_clicks_kind__view__buy.7a8b9c", staging_yml,
               {"shop", "staging", "accepted_values_stg_clicks_kind__view__buy"}, "accepted_values", "", "kind",
               "model.shop.stg_clicks", {"model.shop.stg_clicks"});
  generic_test(b, "test.shop.source_not_null_raw_orders_id.0f0f0f", src_yml,
               {"shop", "staging", "source_not_null_raw_orders_id"}, "not_null", "", "id", "source.shop.raw.orders",
               {"source.shop.raw.orders"});
  auto& rel = generic_test(b, "test.shop.relationships_fct_orders_customer_id__customer_id__ref_dim_customers_.5c5c5c",
                           core_yml, {"shop", "marts", "core", "relationships_fct_orders_customer_id__customer_id__ref_dim_customers_"},
                           "relationships", "", "customer_id", "model.shop.fct_orders",
                           {"model.shop.dim_customers.v2", "model.shop.fct_orders"});
  set_tags(rel, {"finance"});
  generic_test(b, "test.shop.utils_pkg_expression_is_true_fct_orders_total_0.9e9e9e", core_yml,
               {"shop", "marts", "core", "utils_pkg_expression_is_true_fct_orders_total_0"}, "expression_is_true",
               "utils_pkg", "", "model.shop.fct_orders", {"model.shop.fct_orders"});

  // Singular test over two marts.
  auto& singular = b.add(ResourceType::Test, "test.shop.assert_positive_totals", "tests/assert_positive_totals.sql",
                         {"shop", "assert_positive_totals"}, {"model.shop.fct_orders", "model.shop.orders_daily"});
  singular.config["severity"] = "ERROR";
  set_tags(singular, {"finance"});

  // Unit test of fct_orders.
  b.add(ResourceType::UnitTest, "unit_test.shop.fct_orders.test_fct_orders_totals", "models/marts/core/unit_tests.yml",
        {"shop", "marts", "core", "fct_orders", "test_fct_orders_totals"}, {"model.shop.fct_orders"});

  // Exposure and analysis.
  auto& exposure = b.add(ResourceType::Exposure, "exposure.shop.weekly_report", "models/exposures.yml",
                         {"shop", "weekly_report"}, {"model.shop.fct_orders", "model.shop.orders_daily"});
  exposure.exposure_type = "dashboard";
  set_tags(exposure, {"reporting"});
  b.add(ResourceType::Analysis, "analysis.shop.order_trends", "analyses/order_trends.sql",
        {"shop", "analysis", "order_trends"}, {"model.shop.fct_orders"});

  auto manifest = b.finish();
  manifest->project_name = "shop";
  for (auto& node : manifest->nodes()) {
    if (node.meta.contains("attached")) {
      node.attached_node = manifest->find(node.meta["attached"].get<std::string>());
      node.meta = Json::object();
    }
  }
  return manifest;
}

ShopProject::ShopProject() : manifest(make_shop_manifest()) {
  auto built = Graph::build(*manifest);
  if (!built.ok()) {
    ADD_FAILURE() << render_error(built.error());
    return;
  }
  graph = std::make_unique<Graph>(std::move(built).value());
}

std::vector<std::string> ShopProject::select(std::vector<std::string> select, std::vector<std::string> exclude,
                                             IndirectSelection mode, const SelectorDefinitions* selectors,
                                             const std::string& selector) const {
  SelectionRequest request;
  request.select = std::move(select);
  request.exclude = std::move(exclude);
  request.indirect_selection = mode;
  request.selector = selector;
  auto result = select_nodes(*graph, request, selectors);
  if (!result.ok()) {
    ADD_FAILURE() << render_error(result.error());
    return {};
  }
  std::vector<std::string> out;
  for (NodeId id : result->ordered) out.push_back(manifest->node(id).unique_id);
  return out;
}

std::vector<std::string> ShopProject::ids(const NodeSet& set) const {
  std::vector<std::string> out;
  for (NodeId id : graph->sorted_by_unique_id(set)) out.push_back(manifest->node(id).unique_id);
  return out;
}

NodeId ShopProject::id(const std::string& unique_id) const {
  NodeId found = manifest->find(unique_id);
  if (found == manifest::kNoNode) ADD_FAILURE() << "no node " << unique_id;
  return found;
}

}  // namespace strata::graph::testing
