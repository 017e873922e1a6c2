// fromyaml() reads YAML with strata's parser (libyaml tree): PyYAML typing, merge keys,
// and the default (or none) for text that is not YAML; toyaml() writes what PyYAML's
// safe_dump(sort_keys=False) writes (cases in yaml_dump_cases.jsonl, from yaml_dump_cases.py).
#include <gtest/gtest.h>

#include <fstream>

#include "context/dbt_environment.h"
#include "render_snippet.h"
#include "context/yaml_dump.h"

namespace strata::context {
namespace {

using Json = nlohmann::ordered_json;

std::string render(const std::string& source) { return testing::render_snippet(source).text; }

TEST(FromYaml, TypesScalarsAndAppliesMergeKeys) {
  EXPECT_EQ(render("{% set v = fromyaml('a: 1\\nb: [x, \"2\", yes, ~]\\nc: &c {k: v, j: 1}\\nd:\\n  <<: *c\\n  j: 2\\n') %}"
                   "{{ v | tojson }}"),
            R"({"a": 1, "b": ["x", "2", true, null], "c": {"j": 1, "k": "v"}, "d": {"j": 2, "k": "v"}})");  // tojson sorts keys
}

TEST(FromYaml, InvalidTextGivesTheDefaultOrNone) {
  EXPECT_EQ(render("{{ fromyaml('a: [1, 2', 'fallback') }}|{{ fromyaml('a: \"x') is none }}"), "fallback|True");
}

TEST(FromYaml, ToYamlRoundTrips) {
  EXPECT_EQ(render("{{ fromyaml(toyaml({'a': [1, 'b', '1', 'yes'], 'c': {'d': none}})) | tojson }}"),
            R"({"a": [1, "b", "1", "yes"], "c": {"d": null}})");
}

TEST(ToYaml, WritesWhatPyYamlSafeDumpWrites) {
  std::ifstream in(YAML_DUMP_CASES);
  ASSERT_TRUE(in) << YAML_DUMP_CASES;
  std::string line;
  size_t cases = 0;
  while (std::getline(in, line)) {
    Json c = Json::parse(line);
    Json value = Json::parse(c[0].get<std::string>());
    EXPECT_EQ(dump_yaml(value), c[1].get<std::string>()) << c[0].get<std::string>();
    ++cases;
  }
  EXPECT_GE(cases, 20u);
}

TEST(ToYaml, LongNumberLikeStringsAreQuotedWithoutDeepRegexRecursion) {
  std::string digits(1'000'000, '7');
  EXPECT_EQ(dump_yaml(Json(digits)), "'" + digits + "'\n");
  std::string words(200, 'x');
  EXPECT_EQ(dump_yaml(Json::object({{"k", "1" + words}})), "k: 1" + words + "\n");
  std::string hex = "0x" + std::string(100, 'f');
  EXPECT_EQ(dump_yaml(Json::object({{"k", hex}})), "k: '" + hex + "'\n");
}

TEST(ToYaml, IsUsedByTheToyamlFunction) {
  EXPECT_EQ(render("{{ toyaml({'a': ['1', 2, none], 'b': 'yes'}) }}"), "a:\n- '1'\n- 2\n- null\nb: 'yes'\n");
}

}  // namespace
}  // namespace strata::context
