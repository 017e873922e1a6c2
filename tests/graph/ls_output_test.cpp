// `ls` lines in each output mode, and that every selector line selects its node back.
#include <gtest/gtest.h>

#include "fixture_project.h"
#include "graph/ls_output.h"

namespace strata::graph {
namespace {

using List = std::vector<std::string>;

class LsOutputTest : public ::testing::Test {
 protected:
  List lines(const List& uids, LsOutput mode, List keys = {}) const {
    std::vector<NodeId> ids;
    for (const auto& uid : uids) ids.push_back(p.id(uid));
    LsOptions options;
    options.output = mode;
    options.output_keys = std::move(keys);
    return ls_lines(*p.graph, ids, options);
  }
  testing::ShopProject p;
};

const List kSample = {"source.shop.raw.orders",
                      "model.shop.dim_customers.v2",
                      "exposure.shop.weekly_report",
                      "unit_test.shop.fct_orders.test_fct_orders_totals",
                      "seed.shop.country_codes",
                      "snapshot.shop.customers_snapshot",
                      "test.shop.not_null_stg_orders_order_id.1a2b3c"};

TEST_F(LsOutputTest, Selector) {
  EXPECT_EQ(lines(kSample, LsOutput::Selector),
            (List{"source:shop.raw.orders", "shop.marts.core.dim_customers.v2", "exposure:shop.weekly_report",
                  "unit_test:shop.test_fct_orders_totals", "shop.country_codes",
                  "shop.customers_snapshot.customers_snapshot", "shop.staging.not_null_stg_orders_order_id"}));
}

TEST_F(LsOutputTest, Name) {
  EXPECT_EQ(lines(kSample, LsOutput::Name),
            (List{"raw.orders", "dim_customers.v2", "weekly_report", "test_fct_orders_totals", "country_codes",
                  "customers_snapshot", "not_null_stg_orders_order_id"}));
}

TEST_F(LsOutputTest, Path) {
  EXPECT_EQ(lines(kSample, LsOutput::Path),
            (List{"models/staging/sources.yml", "models/marts/core/dim_customers.sql", "models/exposures.yml",
                  "models/marts/core/unit_tests.yml", "seeds/country_codes.csv", "snapshots/customers_snapshot.sql",
                  "models/staging/schema.yml"}));
}

TEST_F(LsOutputTest, JsonDefaultKeys) {
  EXPECT_EQ(lines({"model.shop.fct_orders", "source.shop.raw.orders", "seed.shop.country_codes"}, LsOutput::Json),
            (List{R"({"name": "fct_orders", "resource_type": "model", "package_name": "shop", )"
                  R"("original_file_path": "models/marts/core/fct_orders.sql", "unique_id": "model.shop.fct_orders", )"
                  R"("alias": "fct_orders", "config": {"enabled": true, "materialized": "table", "group": "finance", )"
                  R"("access": "public", "meta": {"owner": "finance", "contains_pii": false}, "tags": ["finance", )"
                  R"("nightly"]}, "tags": ["finance", "nightly"], "depends_on": {"macros": [], "nodes": )"
                  R"(["model.shop.stg_orders", "model.shop.dim_customers.v2"]}})",
                  R"({"name": "orders", "resource_type": "source", "package_name": "shop", )"
                  R"("original_file_path": "models/staging/sources.yml", "unique_id": "source.shop.raw.orders", )"
                  R"("source_name": "raw", "tags": ["raw"], "config": {"enabled": true, "tags": ["raw"]}})",
                  R"({"name": "country_codes", "resource_type": "seed", "package_name": "shop", )"
                  R"("original_file_path": "seeds/country_codes.csv", "unique_id": "seed.shop.country_codes", )"
                  R"("alias": "country_codes", "config": {"enabled": true, "materialized": "seed"}, "tags": [], )"
                  R"("depends_on": {"macros": []}})"}));
}

TEST_F(LsOutputTest, JsonOutputKeysKeepManifestOrder) {
  EXPECT_EQ(lines({"seed.shop.country_codes"}, LsOutput::Json, {"unique_id", "name", "fqn", "no_such_key"}),
            (List{R"({"name": "country_codes", "unique_id": "seed.shop.country_codes", "fqn": ["shop", "country_codes"]})"}));
}

TEST_F(LsOutputTest, JsonUsesTheInjectedSerializer) {
  LsOptions options;
  options.output = LsOutput::Json;
  options.node_json = [](const Node& node) { return manifest::Json{{"unique_id", node.unique_id}, {"extra", 1}}; };
  EXPECT_EQ(ls_lines(*p.graph, {p.id("seed.shop.country_codes")}, options),
            (List{R"({"unique_id": "seed.shop.country_codes"})"}));
}

TEST(PythonJsonDumps, EscapesLikePython) {
  manifest::Json value = {{"a", "\xC3\xA9\n\"x\"\\"}, {"b", "\xF0\x9F\x98\x80"}, {"c", {1, 2.5, nullptr, true}}};
  EXPECT_EQ(python_json_dumps(value),
            R"({"a": "\u00e9\n\"x\"\\", "b": "\ud83d\ude00", "c": [1, 2.5, null, true]})");
}

TEST_F(LsOutputTest, EverySelectorLineSelectsItsNodeBack) {
  for (const auto& node : p.manifest->nodes()) {
    List line = lines({node.unique_id}, LsOutput::Selector);
    List expected{node.unique_id};
    // A unit test's fqn extends its model's, so the model's fqn selects it too (as in dbt).
    if (node.unique_id == "model.shop.fct_orders") expected.push_back("unit_test.shop.fct_orders.test_fct_orders_totals");
    EXPECT_EQ(p.select(line, {}, IndirectSelection::Empty), expected) << line[0];
  }
}

}  // namespace
}  // namespace strata::graph
