// Indirect test selection in each mode. fct_orders has four tests:
//   expression_is_true and the unit test  (parent: fct_orders)
//   relationships                         (parents: fct_orders, dim_customers.v2 — upstream of it)
//   assert_positive_totals (singular)     (parents: fct_orders, orders_daily — downstream of it)
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

const char* kFct = "model.shop.fct_orders";
const char* kDaily = "model.shop.orders_daily";
const char* kRelationships = "test.shop.relationships_fct_orders_customer_id__customer_id__ref_dim_customers_.5c5c5c";
const char* kExpression = "test.shop.utils_pkg_expression_is_true_fct_orders_total_0.9e9e9e";
const char* kSingular = "test.shop.assert_positive_totals";
const char* kUnit = "unit_test.shop.fct_orders.test_fct_orders_totals";

TEST(IndirectSelection, EagerTakesTestsWithAnySelectedParent) {
  testing::ShopProject p;
  EXPECT_EQ(p.select({"fct_orders"}, {}, IndirectSelection::Eager),
            sorted({kFct, kRelationships, kExpression, kSingular, kUnit}));
}

TEST(IndirectSelection, CautiousTakesTestsWhoseParentsAreAllSelected) {
  testing::ShopProject p;
  EXPECT_EQ(p.select({"fct_orders"}, {}, IndirectSelection::Cautious), sorted({kFct, kExpression, kUnit}));
  // Across a union the singular test's two parents come from different terms.
  EXPECT_EQ(p.select({"fct_orders orders_daily"}, {}, IndirectSelection::Cautious),
            sorted({kFct, kDaily, kExpression, kUnit, kSingular}));
  EXPECT_EQ(p.select({"fct_orders", "orders_daily"}, {}, IndirectSelection::Cautious),
            sorted({kFct, kDaily, kExpression, kUnit, kSingular}));
}

TEST(IndirectSelection, BuildableAlsoAcceptsParentsUpstreamOfTheSelection) {
  testing::ShopProject p;
  EXPECT_EQ(p.select({"fct_orders"}, {}, IndirectSelection::Buildable),
            sorted({kFct, kExpression, kUnit, kRelationships}));
  // A source test is buildable whenever its source's model is selected (sources always are).
  EXPECT_EQ(p.select({"source:raw.orders"}, {}, IndirectSelection::Buildable),
            (List{"source.shop.raw.orders", "test.shop.source_not_null_raw_orders_id.0f0f0f"}));
}

TEST(IndirectSelection, EmptyTakesNoTests) {
  testing::ShopProject p;
  EXPECT_EQ(p.select({"fct_orders"}, {}, IndirectSelection::Empty), (List{kFct}));
  // Tests named directly are still selected.
  EXPECT_EQ(p.select({"fct_orders test_type:singular"}, {}, IndirectSelection::Empty), sorted({kFct, kSingular}));
}

TEST(IndirectSelection, ExcludeIsAlwaysEager) {
  testing::ShopProject p;
  EXPECT_EQ(p.select({"fct_orders orders_daily"}, {"orders_daily"}, IndirectSelection::Cautious),
            sorted({kFct, kExpression, kUnit}));
}

TEST(IndirectSelection, IntersectionKeepsTestsOfNodesInBothSides) {
  testing::ShopProject p;
  EXPECT_EQ(p.select({"tag:finance,resource_type:model"}, {}, IndirectSelection::Eager),
            sorted({kFct, kDaily, kRelationships, kExpression, kSingular, kUnit}));
}

TEST(IndirectSelection, ExpandIndirectSplitsDirectAndWaiting) {
  testing::ShopProject p;
  NodeSet selected = p.graph->empty_set();
  selected.insert(p.id(kFct));
  auto split = expand_indirect(*p.graph, selected, IndirectSelection::Cautious);
  EXPECT_EQ(p.ids(split.direct), sorted({kFct, kExpression, kUnit}));
  EXPECT_EQ(p.ids(split.indirect), sorted({kRelationships, kSingular}));
  selected.insert(p.id(kDaily));
  EXPECT_EQ(p.ids(incorporate_indirect(*p.graph, split.direct | selected, split.indirect, IndirectSelection::Cautious)),
            sorted({kFct, kDaily, kExpression, kUnit, kSingular}));
}

}  // namespace
}  // namespace strata::graph
