// generic_test_name builds dbt's test names without std::regex; these compare it with the
// regex formulation dbt uses (re.sub(r"[^0-9a-zA-Z_]+", "_", value)) on awkward values.
#include <gtest/gtest.h>

#include <regex>

#include "common/hash.h"
#include "parser/generic_tests.h"

namespace strata::parser {
namespace {

std::string regex_name(const std::string& test, const std::string& model, const std::vector<std::string>& flat) {
  static const std::regex unsafe("[^0-9a-zA-Z_]+");
  std::string unique;
  for (size_t i = 0; i < flat.size(); ++i) unique += (i ? "__" : "") + std::regex_replace(flat[i], unsafe, "_");
  std::string full = test + "_" + model + (unique.empty() ? "" : "_" + unique);
  if (full.size() >= 64) return (test + "_" + model).substr(0, 30) + "_" + md5_hex(full);
  return full;
}

TEST(GenericTestName, SimpleColumn) {
  Json kwargs = {{"column_name", "id"}};
  EXPECT_EQ(generic_test_name("", "not_null", "orders", kwargs), "not_null_orders_id");
}

TEST(GenericTestName, UnsafeRunsBecomeOneUnderscore) {
  const std::vector<std::string> values = {"a b", "a  - b", "--x--", "é", "naïve café", "",      "_",
                                           "a\nb", "ref('x')", "1.5", "A_b-C", "\t", "x..y", "ü_ü"};
  for (const auto& v : values) {
    Json kwargs = {{"column_name", v}};
    EXPECT_EQ(generic_test_name("", "unique", "m", kwargs), regex_name("unique", "m", {v})) << v;
  }
}

TEST(GenericTestName, ListsSortedKeysAndLongNames) {
  Json kwargs = Json::object();
  kwargs["values"] = {"placed", "shipped", "com pleted"};
  kwargs["column_name"] = "status";
  kwargs["quote"] = false;
  kwargs["model"] = "ignored";
  // Sorted keys: column_name, quote, values; values flattened; False as Python prints it.
  std::vector<std::string> flat = {"status", "False", "placed", "shipped", "com pleted"};
  EXPECT_EQ(generic_test_name("", "accepted_values", "orders", kwargs), regex_name("accepted_values", "orders", flat));
  EXPECT_EQ(generic_test_name("", "accepted_values", "orders", kwargs).size(), std::string("accepted_values_orders_").size() + 32u);  // shortened: prefix + md5
}

TEST(GenericTestName, NamespacePrefix) {
  Json kwargs = {{"column_name", "a-b"}};
  EXPECT_EQ(generic_test_name("dbt_utils", "at_least_one", "t", kwargs), "dbt_utils_at_least_one_t_a_b");
}

}  // namespace
}  // namespace strata::parser
