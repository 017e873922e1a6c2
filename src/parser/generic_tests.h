#pragma once
// Generic data tests declared in properties YAML become test nodes whose code calls the
// test macro: {{ test_not_null(model=get_where_subquery(ref('orders')), column_name='id') }}.
#include <memory>
#include <string>

#include "parser/loader_state.h"

namespace strata::parser {

struct TestOwner {
  std::string package;
  std::string model_expression;  // "ref('orders')" or "source('raw', 'orders')"
  std::string model_name;        // used in the test's name: orders / raw_orders
  std::string yaml_path;
  std::shared_ptr<const project::YamlDocument> document;
  const YamlValues* values = nullptr;  // renders the tests' configs (not their arguments)
};

// Adds the test node for one entry of a tests:/data_tests: list. `column` is empty for
// model-level tests.
Status add_generic_test(LoadState& state, const TestOwner& owner, const yaml::Node& entry, const std::string& column);

// add_generic_test in two steps, so many tests can be prepared in parallel (reading only
// the owner and the entry) and added in order.
struct PreparedTest {
  manifest::Node node;
  std::shared_ptr<const SourceText> source;
  Json config;
  const TestOwner* owner;
  SourceSpan entry_span;  // for a duplicate's error
};
Result<PreparedTest> prepare_generic_test(const TestOwner& owner, const yaml::Node& entry, const std::string& column);
Status add_prepared_test(LoadState& state, PreparedTest test);

// dbt's test name: not_null_orders_id, accepted_values_orders_status__a__b, with long
// names shortened to 30 characters plus an md5.
std::string generic_test_name(const std::string& namespace_, const std::string& test, const std::string& model_name,
                              const Json& kwargs);

}  // namespace strata::parser
