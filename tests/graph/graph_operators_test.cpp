// +x, x+, n+x, x+n, +x+, @x — tests and exposures are graph children like any node.
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

class Operators : public ::testing::Test {
 protected:
  List sel(const std::string& arg) const { return p.select({arg}, {}, IndirectSelection::Empty); }
  testing::ShopProject p;
};

const char* kRelationships = "test.shop.relationships_fct_orders_customer_id__customer_id__ref_dim_customers_.5c5c5c";
const char* kExpression = "test.shop.utils_pkg_expression_is_true_fct_orders_total_0.9e9e9e";
const char* kSingular = "test.shop.assert_positive_totals";
const char* kUnit = "unit_test.shop.fct_orders.test_fct_orders_totals";

const List kFctAncestors = {"model.shop.dim_customers.v2", "model.shop.stg_customers", "model.shop.stg_orders",
                            "seed.shop.country_codes", "source.shop.raw.customers", "source.shop.raw.orders"};
const List kFctDescendants = {"model.shop.orders_daily", kRelationships, kExpression, kSingular, kUnit,
                              "exposure.shop.weekly_report", "analysis.shop.order_trends"};

List with(List base, const List& more, const char* self) {
  base.insert(base.end(), more.begin(), more.end());
  base.push_back(self);
  return sorted(base);
}

TEST_F(Operators, Parents) {
  EXPECT_EQ(sel("+fct_orders"), with(kFctAncestors, {}, "model.shop.fct_orders"));
  EXPECT_EQ(sel("1+fct_orders"),
            (List{"model.shop.dim_customers.v2", "model.shop.fct_orders", "model.shop.stg_orders"}));
  EXPECT_EQ(sel("2+orders_daily"), (List{"model.shop.dim_customers.v2", "model.shop.fct_orders",
                                         "model.shop.orders_daily", "model.shop.stg_orders"}));
  EXPECT_EQ(sel("0+fct_orders"), (List{"model.shop.fct_orders"}));
}

TEST_F(Operators, Children) {
  EXPECT_EQ(sel("fct_orders+"), with(kFctDescendants, {}, "model.shop.fct_orders"));
  EXPECT_EQ(sel("stg_customers+1"),
            (List{"model.shop.dim_customers.v1", "model.shop.dim_customers.v2", "model.shop.dim_customers.v3",
                  "model.shop.stg_customers", "snapshot.shop.customers_snapshot"}));
  EXPECT_EQ(sel("stg_customers+"),
            with(kFctDescendants,
                 {"model.shop.dim_customers.v1", "model.shop.dim_customers.v2", "model.shop.dim_customers.v3",
                  "model.shop.fct_orders", "snapshot.shop.customers_snapshot"},
                 "model.shop.stg_customers"));
  EXPECT_EQ(sel("source:raw.orders+1"),
            (List{"model.shop.stg_orders", "source.shop.raw.orders", "test.shop.source_not_null_raw_orders_id.0f0f0f"}));
}

TEST_F(Operators, ParentsAndChildren) {
  EXPECT_EQ(sel("+fct_orders+"), with(kFctAncestors, kFctDescendants, "model.shop.fct_orders"));
  EXPECT_EQ(sel("1+fct_orders+1"),
            with({"model.shop.dim_customers.v2", "model.shop.stg_orders"}, kFctDescendants, "model.shop.fct_orders"));
}

TEST_F(Operators, AtSelectsDescendantsAndTheirAncestors) {
  EXPECT_EQ(sel("@stg_clicks"),
            (List{"model.shop.clicks_summary", "model.shop.stg_clicks", "source.shop.events.clicks",
                  "test.shop.accepted_values_stg_clicks_kind__view__buy.7a8b9c"}));
  // dim_customers.v2's descendants need stg_orders and its source, which are not its ancestors.
  EXPECT_EQ(sel("@dim_customers.v2"), with(kFctAncestors, kFctDescendants, "model.shop.fct_orders"));
  EXPECT_EQ(sel("@+orders_daily"), sel("@orders_daily"));
}

TEST_F(Operators, OperatorsApplyToEveryNodeTheMethodMatched) {
  EXPECT_EQ(sel("+tag:staging"),
            (List{"model.shop.stg_clicks", "model.shop.stg_customers", "model.shop.stg_orders",
                  "source.shop.events.clicks", "source.shop.raw.customers", "source.shop.raw.orders"}));
}

}  // namespace
}  // namespace strata::graph
