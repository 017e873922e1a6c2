// Union (space, repeated --select), intersection (comma), --exclude, the default
// selection, resource-type filters, warnings and "nothing to do".
#include <algorithm>

#include <gtest/gtest.h>

#include "fixture_project.h"

namespace strata::graph {
namespace {

using List = std::vector<std::string>;

List sorted(List v) {
  std::sort(v.begin(), v.end());
  return v;
}

const char* kNotNull = "test.shop.not_null_stg_orders_order_id.1a2b3c";
const char* kUnique = "test.shop.unique_stg_orders_order_id.4d5e6f";
const char* kSourceNotNull = "test.shop.source_not_null_raw_orders_id.0f0f0f";
const char* kRelationships = "test.shop.relationships_fct_orders_customer_id__customer_id__ref_dim_customers_.5c5c5c";
const char* kExpression = "test.shop.utils_pkg_expression_is_true_fct_orders_total_0.9e9e9e";
const char* kSingular = "test.shop.assert_positive_totals";
const char* kUnit = "unit_test.shop.fct_orders.test_fct_orders_totals";

TEST(SetOperations, UnionBySpaceOrRepeatedSelect) {
  testing::ShopProject p;
  auto e = IndirectSelection::Empty;
  List expected{"model.shop.stg_customers", "seed.shop.country_codes"};
  EXPECT_EQ(p.select({"tag:pii resource_type:seed"}, {}, e), expected);
  EXPECT_EQ(p.select({"tag:pii", "resource_type:seed"}, {}, e), expected);
  EXPECT_EQ(p.select({"tag:pii tag:pii"}, {}, e), (List{"model.shop.stg_customers"}));
}

TEST(SetOperations, IntersectionByComma) {
  testing::ShopProject p;
  auto e = IndirectSelection::Empty;
  EXPECT_EQ(p.select({"tag:finance,resource_type:model"}, {}, e),
            (List{"model.shop.fct_orders", "model.shop.orders_daily"}));
  EXPECT_EQ(p.select({"tag:staging,config.materialized:view"}, {}, e),
            (List{"model.shop.stg_customers", "model.shop.stg_orders"}));
  EXPECT_EQ(p.select({"+fct_orders,resource_type:source"}, {}, e),
            (List{"source.shop.raw.customers", "source.shop.raw.orders"}));
  EXPECT_EQ(p.select({"tag:finance,tag:staging"}, {}, e), List{});
}

TEST(SetOperations, Exclude) {
  testing::ShopProject p;
  auto e = IndirectSelection::Empty;
  EXPECT_EQ(p.select({"tag:staging"}, {"stg_clicks"}, e), (List{"model.shop.stg_customers", "model.shop.stg_orders"}));
  EXPECT_EQ(p.select({"tag:staging"}, {"tag:staging,config.materialized:view"}, e), (List{"model.shop.stg_clicks"}));
  EXPECT_EQ(p.select({"tag:staging"}, {"stg_clicks", "stg_orders"}, e), (List{"model.shop.stg_customers"}));
}

TEST(SetOperations, EagerSelectionAndExcludeTakesTestsAlong) {
  testing::ShopProject p;
  List upstream = {"model.shop.fct_orders", "model.shop.dim_customers.v2", "model.shop.stg_customers",
                   "model.shop.stg_orders", "seed.shop.country_codes", "source.shop.raw.customers",
                   "source.shop.raw.orders"};
  List with_tests = upstream;
  for (const char* t : {kRelationships, kExpression, kSingular, kUnit, kNotNull, kUnique, kSourceNotNull})
    with_tests.push_back(t);
  EXPECT_EQ(p.select({"+fct_orders"}), sorted(with_tests));
  // Excluding a model excludes its tests too.
  List without = sorted(with_tests);
  for (const char* gone : {"model.shop.stg_orders", kNotNull, kUnique})
    without.erase(std::find(without.begin(), without.end(), gone));
  EXPECT_EQ(p.select({"+fct_orders"}, {"stg_orders"}), without);
}

TEST(SetOperations, DefaultSelectionIsEverything) {
  testing::ShopProject p;
  EXPECT_EQ(p.select({}).size(), p.manifest->size());
  List rest = p.select({}, {"package:utils_pkg"});
  EXPECT_EQ(rest.size(), p.manifest->size() - 2);
  EXPECT_EQ(std::count(rest.begin(), rest.end(), "model.utils_pkg.calendar"), 0);
}

TEST(SetOperations, ResourceTypeFilter) {
  testing::ShopProject p;
  SelectionRequest request;
  request.select = {"+fct_orders"};
  request.resource_types = {manifest::ResourceType::Model, manifest::ResourceType::Seed};
  auto s = select_nodes(*p.graph, request);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(p.ids(s->nodes), (List{"model.shop.dim_customers.v2", "model.shop.fct_orders", "model.shop.stg_customers",
                                   "model.shop.stg_orders", "seed.shop.country_codes"}));
  request.resource_types.clear();
  request.exclude_resource_types = {manifest::ResourceType::Test, manifest::ResourceType::UnitTest,
                                    manifest::ResourceType::Source};
  s = select_nodes(*p.graph, request);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->ordered.size(), 5u);
}

TEST(SetOperations, WarningsAndNothingToDo) {
  testing::ShopProject p;
  SelectionRequest request;
  request.select = {"tag:nonexistent stg_clicks", "tag:finance,tag:staging"};
  auto s = select_nodes(*p.graph, request);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->warnings, (List{"The selection criterion 'tag:nonexistent' does not match any enabled nodes",
                               "The selection criterion 'tag:finance,tag:staging' does not match any enabled nodes"}));
  EXPECT_FALSE(s->nothing_to_do());

  request.select = {"tag:nonexistent"};
  s = select_nodes(*p.graph, request);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->nothing_to_do());
  EXPECT_TRUE(s->nodes.empty());
}

TEST(SetOperations, ParseErrorsComeBackAsErrors) {
  testing::ShopProject p;
  SelectionRequest request;
  request.select = {"tag:a"};
  request.exclude = {"bogus:x"};
  auto s = select_nodes(*p.graph, request);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().span.location(), "--exclude:1:1");
}

TEST(SetOperations, SpecIsPrintable) {
  testing::ShopProject p;
  SelectionRequest request;
  request.select = {"+tag:nightly,config.materialized:table"};
  request.exclude = {"stg_orders"};
  auto s = select_nodes(*p.graph, request);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->spec,
            "difference(union(intersection(+tag:nightly, config.materialized:table)), "
            "union(intersection(fqn:stg_orders [indirect_selection=eager])))");
}

}  // namespace
}  // namespace strata::graph
