// selectors.yml: every definition form, evaluation through --selector and the default
// selector, and errors with file:line:col.
#include <algorithm>

#include <gtest/gtest.h>

#include "fixture_project.h"
#include "graph/selectors_yaml.h"

namespace strata::graph {
namespace {

using List = std::vector<std::string>;

List sorted(List v) {
  std::sort(v.begin(), v.end());
  return v;
}

const char* kSelectors = R"(selectors:
  - name: staging_views
    description: staging models materialized as views
    definition:
      intersection:
        - tag:staging
        - config.materialized: view
  - name: finance_no_tests
    definition:
      method: tag
      value: finance
      indirect_selection: empty
  - name: core_up
    default: true
    definition:
      union:
        - method: fqn
          value: fct_orders
          parents: true
          parents_depth: 1
        - "source:raw.customers+1"
        - exclude:
            - method: fqn
              value: dim_customers
  - name: reuse
    definition:
      union:
        - method: selector
          value: staging_views
        - selector: finance_no_tests
  - name: with_exclude
    definition:
      method: tag
      value: staging
      exclude:
        - stg_clicks
  - name: children_of_stg_customers
    definition:
      method: fqn
      value: stg_customers
      children: true
      children_depth: 1
  - name: at_clicks
    definition:
      method: fqn
      value: stg_clicks
      childrens_parents: true
)";

Result<SelectorDefinitions> parse(const std::string& text) {
  auto file = std::make_shared<SourceText>(SourceText{"selectors.yml", text});
  auto parsed = yaml::parse(text);
  if (!parsed.tree) return Error(ErrorCode::Yaml, "invalid YAML: " + parsed.error->message);
  return parse_selectors_yaml(parsed.tree->root(), file);
}

std::string failure(const std::string& text) {
  auto defs = parse(text);
  return defs.ok() ? "parsed" : render_error(defs.error());
}

const char* kNotNull = "test.shop.not_null_stg_orders_order_id.1a2b3c";
const char* kUnique = "test.shop.unique_stg_orders_order_id.4d5e6f";
const char* kRelationships = "test.shop.relationships_fct_orders_customer_id__customer_id__ref_dim_customers_.5c5c5c";
const char* kExpression = "test.shop.utils_pkg_expression_is_true_fct_orders_total_0.9e9e9e";
const char* kSingular = "test.shop.assert_positive_totals";
const char* kUnit = "unit_test.shop.fct_orders.test_fct_orders_totals";

class SelectorsYaml : public ::testing::Test {
 protected:
  void SetUp() override {
    auto parsed = parse(kSelectors);
    ASSERT_TRUE(parsed.ok()) << render_error(parsed.error());
    defs = std::move(parsed).value();
  }
  List run(const std::string& name) const { return p.select({}, {}, IndirectSelection::Eager, &defs, name); }
  testing::ShopProject p;
  SelectorDefinitions defs;
};

TEST_F(SelectorsYaml, ParsesIntoSpecs) {
  ASSERT_EQ(defs.selectors.size(), 7u);
  EXPECT_EQ(defs.selectors[0].description, "staging models materialized as views");
  EXPECT_EQ(defs.find("staging_views")->spec.to_string(),
            "intersection(tag:staging, config.materialized:view)");
  EXPECT_EQ(defs.find("finance_no_tests")->spec.to_string(), "tag:finance [indirect_selection=empty]");
  EXPECT_EQ(defs.find("core_up")->spec.to_string(),
            "difference(union(1+fqn:fct_orders, source:raw.customers+1), fqn:dim_customers)");
  EXPECT_EQ(defs.find("reuse")->spec.to_string(),
            "union(intersection(tag:staging, config.materialized:view), tag:finance [indirect_selection=empty])");
  EXPECT_EQ(defs.find("with_exclude")->spec.to_string(), "difference(tag:staging, fqn:stg_clicks)");
  EXPECT_EQ(defs.find("children_of_stg_customers")->spec.to_string(), "fqn:stg_customers+1");
  EXPECT_EQ(defs.find("at_clicks")->spec.to_string(), "@fqn:stg_clicks");
  EXPECT_EQ(defs.default_selector()->name, "core_up");
  EXPECT_EQ(defs.find("reuse")->span.location(), "selectors.yml:25:11");
}

TEST_F(SelectorsYaml, EvaluatesEachDefinition) {
  EXPECT_EQ(run("staging_views"), sorted({"model.shop.stg_customers", "model.shop.stg_orders", kNotNull, kUnique}));
  EXPECT_EQ(run("finance_no_tests"),
            sorted({"model.shop.fct_orders", "model.shop.orders_daily", kRelationships, kSingular}));
  EXPECT_EQ(run("reuse"), sorted({"model.shop.stg_customers", "model.shop.stg_orders", kNotNull, kUnique,
                                  "model.shop.fct_orders", "model.shop.orders_daily", kRelationships, kSingular}));
  EXPECT_EQ(run("with_exclude"), sorted({"model.shop.stg_customers", "model.shop.stg_orders", kNotNull, kUnique}));
  EXPECT_EQ(run("children_of_stg_customers"),
            sorted({"model.shop.stg_customers", "model.shop.dim_customers.v1", "model.shop.dim_customers.v2",
                    "model.shop.dim_customers.v3", "snapshot.shop.customers_snapshot", kRelationships}));
  EXPECT_EQ(run("at_clicks"), (List{"model.shop.clicks_summary", "model.shop.stg_clicks", "source.shop.events.clicks",
                                    "test.shop.accepted_values_stg_clicks_kind__view__buy.7a8b9c"}));
}

TEST_F(SelectorsYaml, DefaultSelectorAppliesOnlyWithoutSelectOrExclude) {
  List core_up = sorted({"model.shop.fct_orders", "model.shop.stg_orders", kExpression, kSingular, kUnit, kNotNull,
                         kUnique, "source.shop.raw.customers", "model.shop.stg_customers"});
  EXPECT_EQ(run("core_up"), core_up);
  EXPECT_EQ(p.select({}, {}, IndirectSelection::Eager, &defs), core_up);
  SelectionRequest request;
  auto s = select_nodes(*p.graph, request, &defs);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->default_selector, "core_up");
  // --exclude alone means "everything but", not the default selector.
  EXPECT_EQ(p.select({}, {"package:shop"}, IndirectSelection::Eager, &defs),
            (List{"model.utils_pkg.calendar", "model.utils_pkg.stg_orders"}));
}

TEST_F(SelectorsYaml, UnknownSelectorNameSuggestsAClose) {
  SelectionRequest request;
  request.selector = "core_upp";
  auto s = select_nodes(*p.graph, request, &defs);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(render_error(s.error()),
            "error: no selector named 'core_upp'\n"
            "hint: did you mean 'core_up'? selectors.yml defines: staging_views, finance_no_tests, core_up, reuse, "
            "with_exclude, children_of_stg_customers, at_clicks\n");
  request.selector = "core_up";
  request.select = {"x"};
  s = select_nodes(*p.graph, request, &defs);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message, "--selector cannot be combined with --select or --exclude");
}

TEST(SelectorsYamlErrors, UnknownMethodPointsAtIt) {
  EXPECT_EQ(failure("selectors:\n  - name: bad\n    definition:\n      method: tga\n      value: x\n"),
            "selectors.yml:4:15: error: 'tga' is not a valid selector method; valid methods are: fqn, tag, group, "
            "access, source, path, file, package, config, test_name, test_type, resource_type, exposure, metric, "
            "semantic_model, saved_query, unit_test, version, state, result, source_status\n"
            " 4 |       method: tga\n"
            "   |               ^^^\n");
}

TEST(SelectorsYamlErrors, SyntaxErrorInsideAStringPointsIntoTheFile) {
  EXPECT_EQ(failure("selectors:\n  - name: bad\n    definition: \"@stg+\"\n"),
            "selectors.yml:3:22: error: the '@' prefix and a '+' suffix cannot be combined\n"
            " 3 |     definition: \"@stg+\"\n"
            "   |                      ^\n"
            "hint: @x already selects x, its descendants and their ancestors; drop the trailing '+'\n");
  EXPECT_EQ(failure("selectors:\n  - name: bad\n    definition: tag:a tag:b\n"),
            "selectors.yml:3:22: error: a selector string in selectors.yml is a single criterion; ' ' does not "
            "combine criteria here\n"
            " 3 |     definition: tag:a tag:b\n"
            "   |                      ^\n"
            "hint: list several criteria under union: or intersection:\n");
}

TEST(SelectorsYamlErrors, DuplicateNamesAndDefaults) {
  EXPECT_EQ(failure("selectors:\n  - name: a\n    definition: x\n  - name: a\n    definition: y\n"),
            "selectors.yml:4:11: error: selector 'a' is defined twice\n"
            " 4 |   - name: a\n"
            "   |           ^\n"
            "hint: the first definition is at selectors.yml:2:11\n");
  EXPECT_EQ(failure("selectors:\n  - name: a\n    default: true\n    definition: x\n"
                    "  - name: b\n    default: true\n    definition: y\n"),
            "selectors.yml:6:14: error: more than one selector has 'default: true' ('a' and 'b')\n"
            " 6 |     default: true\n"
            "   |              ^^^^\n"
            "hint: only one selector can be the default\n");
}

TEST(SelectorsYamlErrors, ReferenceToASelectorNotDefinedAbove) {
  EXPECT_EQ(failure("selectors:\n  - name: a\n    definition:\n      method: selector\n      value: later\n"
                    "  - name: later\n    definition: x\n"),
            "selectors.yml:5:14: error: no selector named 'later' is defined above this one\n"
            " 5 |       value: later\n"
            "   |              ^^^^^\n"
            "hint: a selector can only use selectors defined before it in selectors.yml\n");
}

TEST(SelectorsYamlErrors, ShapeErrors) {
  auto first_line = [](const std::string& s) { return s.substr(0, s.find('\n')); };
  EXPECT_EQ(first_line(failure("selectors:\n  - name: a\n    definition:\n      method: fqn\n      value: x\n"
                               "      chidren: true\n")),
            "selectors.yml:6:7: error: unknown key 'chidren' in a selector criterion");
  EXPECT_EQ(first_line(failure("selectors:\n  - name: a\n    definition:\n      union: [x]\n      intersection: [y]\n")),
            "selectors.yml:4:7: error: only a single 'union' or 'intersection' key is allowed at the root of a "
            "selector definition; found [union, intersection]");
  EXPECT_EQ(first_line(failure("selectors:\n  - name: a\n    definition:\n      union: x\n")),
            "selectors.yml:4:14: error: 'union' must be a list");
  EXPECT_EQ(first_line(failure("selectors:\n  - name: a\n    definition:\n      method: fqn\n      value: x\n"
                               "      parents_depth: deep\n")),
            "selectors.yml:6:22: error: 'parents_depth' must be a non-negative whole number");
  EXPECT_EQ(first_line(failure("selectors:\n  - name: a\n")),
            "selectors.yml:2:11: error: selector 'a' has no 'definition'");
  EXPECT_EQ(first_line(failure("selectors:\n  - name: a\n    definition: test_type:unittest\n")),
            "selectors.yml:3:27: error: invalid test_type 'unittest': expected generic, singular, unit or data");
  EXPECT_EQ(first_line(failure("selectors: 3\n")), "selectors.yml:1:12: error: 'selectors:' must be a list of "
                                                   "selector definitions");
  EXPECT_EQ(first_line(failure("selectors:\n  - name: a\n    definition:\n      method: selector\n      parents: true\n")),
            "selectors.yml:4:7: error: 'method: selector' needs a 'value' naming another selector");
  EXPECT_EQ(first_line(failure("selectors:\n  - name: a\n    definition: [x]\n")),
            "selectors.yml:3:17: error: expected a selector string, a {method: value} mapping, or "
            "union:/intersection: lists");
  EXPECT_EQ(failure(""), "parsed");
}

}  // namespace
}  // namespace strata::graph
