// Every selector method against the shop fixture. Indirect selection is off ("empty") so
// each expectation is exactly what the method matches.
#include <algorithm>

#include <gtest/gtest.h>

#include "fixture_project.h"

namespace strata::graph {
namespace {

using List = std::vector<std::string>;

class Methods : public ::testing::Test {
 protected:
  List sel(const std::string& arg) const { return p.select({arg}, {}, IndirectSelection::Empty); }
  static List sorted(List v) {
    std::sort(v.begin(), v.end());
    return v;
  }
  testing::ShopProject p;
};

const char* kNotNull = "test.shop.not_null_stg_orders_order_id.1a2b3c";
const char* kUnique = "test.shop.unique_stg_orders_order_id.4d5e6f";
const char* kAccepted = "test.shop.accepted_values_stg_clicks_kind__view__buy.7a8b9c";
const char* kSourceNotNull = "test.shop.source_not_null_raw_orders_id.0f0f0f";
const char* kRelationships = "test.shop.relationships_fct_orders_customer_id__customer_id__ref_dim_customers_.5c5c5c";
const char* kExpression = "test.shop.utils_pkg_expression_is_true_fct_orders_total_0.9e9e9e";
const char* kSingular = "test.shop.assert_positive_totals";
const char* kUnit = "unit_test.shop.fct_orders.test_fct_orders_totals";

TEST_F(Methods, FqnByNameAcrossPackages) {
  EXPECT_EQ(sel("stg_orders"), (List{"model.shop.stg_orders", "model.utils_pkg.stg_orders"}));
  EXPECT_EQ(sel("fqn:stg_orders"), sel("stg_orders"));
  // package.name is an fqn prefix: it matches models at the top of their models folder;
  // deeper ones need their folders (or a wildcard), exactly as in dbt.
  EXPECT_EQ(sel("utils_pkg.calendar"), (List{"model.utils_pkg.calendar"}));
  EXPECT_EQ(sel("shop.calendar"), List{});
  EXPECT_EQ(sel("shop.stg_orders"), List{});
  EXPECT_EQ(sel("shop.staging.stg_orders"), (List{"model.shop.stg_orders"}));
  EXPECT_EQ(sel("utils_pkg.*.stg_orders"), (List{"model.utils_pkg.stg_orders"}));
  EXPECT_EQ(sel("order_trends"), (List{"analysis.shop.order_trends"}));
  EXPECT_EQ(sel("weekly_report"), (List{"exposure.shop.weekly_report"}));
  EXPECT_EQ(sel("orders"), List{});  // sources are not found by fqn
}

TEST_F(Methods, FqnByFolderPath) {
  EXPECT_EQ(sel("staging"), sorted({"model.shop.stg_clicks", "model.shop.stg_customers", "model.shop.stg_orders",
                                    "model.utils_pkg.stg_orders", kAccepted, kNotNull, kSourceNotNull, kUnique}));
  EXPECT_EQ(sel("marts.core"), sorted({"model.shop.dim_customers.v1", "model.shop.dim_customers.v2",
                                       "model.shop.dim_customers.v3", "model.shop.fct_orders", kRelationships,
                                       kExpression, kUnit}));
  EXPECT_EQ(sel("shop.marts.finance"), (List{"model.shop.orders_daily"}));
  EXPECT_EQ(sel("utils_pkg"), (List{"model.utils_pkg.calendar", "model.utils_pkg.stg_orders"}));
}

TEST_F(Methods, FqnWildcards) {
  EXPECT_EQ(sel("fqn:*").size(), p.manifest->size() - 3);  // everything but the 3 sources
  // A wildcard matches the rest of the fqn from its position on, dots included.
  EXPECT_EQ(sel("stg_*"), List{});
  EXPECT_EQ(sel("*.stg_c*"), (List{"model.shop.stg_clicks", "model.shop.stg_customers"}));
  EXPECT_EQ(sel("staging.stg_[oc]*"),
            (List{"model.shop.stg_clicks", "model.shop.stg_customers", "model.shop.stg_orders",
                  "model.utils_pkg.stg_orders"}));
  EXPECT_EQ(sel("shop.marts.*.orders_?aily"), (List{"model.shop.orders_daily"}));
}

TEST_F(Methods, VersionedModelsByNameAndVersion) {
  EXPECT_EQ(sel("dim_customers"),
            (List{"model.shop.dim_customers.v1", "model.shop.dim_customers.v2", "model.shop.dim_customers.v3"}));
  EXPECT_EQ(sel("dim_customers_v1"), (List{"model.shop.dim_customers.v1"}));
  EXPECT_EQ(sel("dim_customers.v3"), (List{"model.shop.dim_customers.v3"}));
  EXPECT_EQ(sel("version:latest"), (List{"model.shop.dim_customers.v2"}));
  EXPECT_EQ(sel("version:old"), (List{"model.shop.dim_customers.v1"}));
  EXPECT_EQ(sel("version:prerelease"), (List{"model.shop.dim_customers.v3"}));
  EXPECT_EQ(sel("version:2"), (List{"model.shop.dim_customers.v2"}));
  EXPECT_EQ(sel("version:none"),
            (List{"model.shop.clicks_summary", "model.shop.fct_orders", "model.shop.orders_daily", "model.shop.stg_clicks",
                  "model.shop.stg_customers", "model.shop.stg_orders", "model.utils_pkg.calendar",
                  "model.utils_pkg.stg_orders"}));
}

TEST_F(Methods, Tag) {
  EXPECT_EQ(sel("tag:staging"), (List{"model.shop.stg_clicks", "model.shop.stg_customers", "model.shop.stg_orders"}));
  EXPECT_EQ(sel("tag:raw"), (List{"source.shop.raw.orders"}));
  EXPECT_EQ(sel("tag:fin*"), sorted({"model.shop.fct_orders", "model.shop.orders_daily", kRelationships, kSingular}));
  EXPECT_EQ(sel("tag:fin?nce"), sel("tag:fin*"));
  EXPECT_EQ(sel("tag:[pr]*"), (List{"exposure.shop.weekly_report", "model.shop.stg_customers", "source.shop.raw.orders"}));
  EXPECT_EQ(sel("tag:nope"), List{});
}

TEST_F(Methods, PathFoldersFilesAndGlobs) {
  List staging = sorted({"model.shop.stg_clicks", "model.shop.stg_customers", "model.shop.stg_orders",
                         "model.utils_pkg.stg_orders", "source.shop.events.clicks", "source.shop.raw.customers",
                         "source.shop.raw.orders", kAccepted, kNotNull, kSourceNotNull, kUnique});
  EXPECT_EQ(sel("path:models/staging"), staging);
  EXPECT_EQ(sel("models/staging/"), staging);
  EXPECT_EQ(sel("path:./models/staging"), staging);
  EXPECT_EQ(sel("models/marts/core"), sorted({"model.shop.dim_customers.v1", "model.shop.dim_customers.v2",
                                              "model.shop.dim_customers.v3", "model.shop.fct_orders", kRelationships,
                                              kExpression, kUnit}));
  EXPECT_EQ(sel("path:models/staging/*.sql"), (List{"model.shop.stg_clicks", "model.shop.stg_customers",
                                                    "model.shop.stg_orders", "model.utils_pkg.stg_orders"}));
  // A properties file selects what it defines and what it describes (patch_path).
  EXPECT_EQ(sel("path:models/marts/core/schema.yml"), sorted({"model.shop.fct_orders", kRelationships, kExpression}));
  EXPECT_EQ(sel("path:models/**/orders_daily.sql"), (List{"model.shop.orders_daily"}));
  EXPECT_EQ(sel("path:seeds"), (List{"seed.shop.country_codes"}));
  EXPECT_EQ(sel("path:model"), List{});
}

TEST_F(Methods, FileWithOrWithoutExtension) {
  EXPECT_EQ(sel("file:stg_orders.sql"), (List{"model.shop.stg_orders", "model.utils_pkg.stg_orders"}));
  EXPECT_EQ(sel("stg_orders.sql"), sel("file:stg_orders.sql"));
  EXPECT_EQ(sel("file:fct_orders"), (List{"model.shop.fct_orders"}));
  EXPECT_EQ(sel("clicks_summary.py"), (List{"model.shop.clicks_summary"}));
  EXPECT_EQ(sel("country_codes.csv"), (List{"seed.shop.country_codes"}));
  EXPECT_EQ(sel("file:stg_[!o]*"), (List{"model.shop.stg_clicks", "model.shop.stg_customers"}));
  EXPECT_EQ(sel("file:schema.yml"), sorted({kAccepted, kNotNull, kUnique, kRelationships, kExpression}));
}

TEST_F(Methods, Package) {
  EXPECT_EQ(sel("package:utils_pkg"), (List{"model.utils_pkg.calendar", "model.utils_pkg.stg_orders"}));
  EXPECT_EQ(sel("package:utils*"), sel("package:utils_pkg"));
  EXPECT_EQ(sel("package:this").size(), p.manifest->size() - 2);
  EXPECT_EQ(sel("package:shop"), sel("package:this"));
}

TEST_F(Methods, ConfigValuesNestedKeysAndLists) {
  EXPECT_EQ(sel("config.materialized:incremental"), (List{"model.shop.orders_daily", "model.shop.stg_clicks"}));
  EXPECT_EQ(sel("config.materialized:incr*"), List{});  // config values compare exactly
  EXPECT_EQ(sel("config.meta.owner:finance"), (List{"model.shop.fct_orders"}));
  EXPECT_EQ(sel("config.meta.contains_pii:false"), (List{"model.shop.fct_orders"}));
  EXPECT_EQ(sel("config.meta.contains_pii:FALSE"), (List{"model.shop.fct_orders"}));
  EXPECT_EQ(sel("config.meta.tier:2"), (List{"model.shop.stg_clicks"}));
  EXPECT_EQ(sel("config.tags:pii"), (List{"model.shop.stg_customers"}));
  EXPECT_EQ(sel("config.contract.enforced:true"), (List{"model.shop.dim_customers.v2", "model.shop.dim_customers.v3"}));
  EXPECT_EQ(sel("config.severity:error"), sorted({kAccepted, kNotNull, kSourceNotNull, kRelationships, kExpression,
                                                  kSingular}));
  EXPECT_EQ(sel("config.severity:WARN"), (List{kUnique}));
  EXPECT_EQ(sel("config.materialized.deeper:x"), List{});
}

TEST_F(Methods, ResourceType) {
  EXPECT_EQ(sel("resource_type:seed"), (List{"seed.shop.country_codes"}));
  EXPECT_EQ(sel("resource_type:source"),
            (List{"source.shop.events.clicks", "source.shop.raw.customers", "source.shop.raw.orders"}));
  EXPECT_EQ(sel("resource_type:snapshot"), (List{"snapshot.shop.customers_snapshot"}));
  EXPECT_EQ(sel("resource_type:exposure"), (List{"exposure.shop.weekly_report"}));
  EXPECT_EQ(sel("resource_type:unit_test"), (List{kUnit}));
  EXPECT_EQ(sel("resource_type:analysis"), (List{"analysis.shop.order_trends"}));
  EXPECT_EQ(sel("resource_type:test").size(), 7u);
  EXPECT_EQ(sel("resource_type:metric"), List{});
}

TEST_F(Methods, Source) {
  EXPECT_EQ(sel("source:raw"), (List{"source.shop.raw.customers", "source.shop.raw.orders"}));
  EXPECT_EQ(sel("source:raw.orders"), (List{"source.shop.raw.orders"}));
  EXPECT_EQ(sel("source:shop.events.*"), (List{"source.shop.events.clicks"}));
  EXPECT_EQ(sel("source:r*.c*"), (List{"source.shop.raw.customers"}));
  EXPECT_EQ(sel("source:*").size(), 3u);
  EXPECT_EQ(sel("source:other.raw.orders"), List{});
}

TEST_F(Methods, TestTypeAndTestName) {
  List generic = sorted({kAccepted, kNotNull, kUnique, kSourceNotNull, kRelationships, kExpression});
  EXPECT_EQ(sel("test_type:generic"), generic);
  EXPECT_EQ(sel("test_type:schema"), generic);
  EXPECT_EQ(sel("test_type:singular"), (List{kSingular}));
  EXPECT_EQ(sel("test_type:unit"), (List{kUnit}));
  EXPECT_EQ(sel("test_type:data").size(), 7u);
  EXPECT_EQ(sel("test_name:not_null"), sorted({kNotNull, kSourceNotNull}));
  EXPECT_EQ(sel("test_name:accepted_*"), (List{kAccepted}));
  EXPECT_EQ(sel("test_name:expression_is_true"), (List{kExpression}));
}

TEST_F(Methods, ExposureGroupAccessUnitTest) {
  EXPECT_EQ(sel("exposure:weekly_report"), (List{"exposure.shop.weekly_report"}));
  EXPECT_EQ(sel("exposure:shop.weekly_*"), (List{"exposure.shop.weekly_report"}));
  EXPECT_EQ(sel("exposure:other.weekly_report"), List{});
  EXPECT_EQ(sel("group:finance"), (List{"model.shop.fct_orders"}));
  EXPECT_EQ(sel("access:public"), (List{"model.shop.fct_orders"}));
  EXPECT_EQ(sel("unit_test:test_fct_orders_totals"), (List{kUnit}));
  EXPECT_EQ(sel("unit_test:shop.fct_orders.test_*"), (List{kUnit}));
  EXPECT_EQ(sel("unit_test:shop.stg_orders.test_*"), List{});
  EXPECT_EQ(sel("metric:anything"), List{});
}

}  // namespace
}  // namespace strata::graph
