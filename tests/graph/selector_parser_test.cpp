// The --select syntax: what each argument parses to, and exact error renderings.
#include <gtest/gtest.h>

#include "graph/selector_parser.h"

namespace strata::graph {
namespace {

std::string parsed(std::vector<std::string> args) {
  auto spec = parse_selection_args(args, "--select");
  if (!spec.ok()) return "ERROR " + render_error(spec.error());
  return spec->to_string();
}

std::string failure(const std::string& arg, const std::string& flag = "--select") {
  auto spec = parse_selection_args({arg}, flag);
  if (spec.ok()) return "parsed as " + spec->to_string();
  return render_error(spec.error());
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

TEST(SelectorParser, UnionBySpaceAndRepeatedFlagIntersectionByComma) {
  EXPECT_EQ(parsed({"+tag:nightly stg_orders+2,config.materialized:table", "@orders"}),
            "union(intersection(+tag:nightly), intersection(fqn:stg_orders+2, config.materialized:table), "
            "intersection(@fqn:orders))");
}

TEST(SelectorParser, GraphOperatorsAndDepths) {
  EXPECT_EQ(parsed({"3+fct_orders+10"}), "union(intersection(3+fqn:fct_orders+10))");
  EXPECT_EQ(parsed({"+x+"}), "union(intersection(+fqn:x+))");
  EXPECT_EQ(parsed({"@+x"}), "union(intersection(@+fqn:x))");
  // Digits are a depth only when a '+' follows them.
  EXPECT_EQ(parsed({"2021_orders"}), "union(intersection(fqn:2021_orders))");
  EXPECT_EQ(parsed({"0+x"}), "union(intersection(0+fqn:x))");
}

TEST(SelectorParser, DefaultMethodIsPathFileOrFqn) {
  EXPECT_EQ(parsed({"models/staging"}), "union(intersection(path:models/staging))");
  EXPECT_EQ(parsed({"stg_orders.sql"}), "union(intersection(file:stg_orders.sql))");
  EXPECT_EQ(parsed({"clicks.PY"}), "union(intersection(file:clicks.PY))");
  EXPECT_EQ(parsed({"shop.marts.core"}), "union(intersection(fqn:shop.marts.core))");
}

TEST(SelectorParser, MethodArgumentsAndExtraSpaces) {
  EXPECT_EQ(parsed({"  config.meta.owner:finance   source:raw.orders  "}),
            "union(intersection(config.meta.owner:finance), intersection(source:raw.orders))");
  EXPECT_EQ(parsed({}), "union()");
}

TEST(SelectorParser, UnknownMethodListsTheValidOnes) {
  EXPECT_EQ(failure("+tga:nightly"),
            "--select:1:2: error: 'tga' is not a valid selector method; valid methods are: fqn, tag, group, access, "
            "source, path, file, package, config, test_name, test_type, resource_type, exposure, metric, "
            "semantic_model, saved_query, unit_test, version, state, result, source_status\n"
            " 1 | +tga:nightly\n"
            "   |  ^^^\n");
}

TEST(SelectorParser, AtWithTrailingPlus) {
  EXPECT_EQ(failure("tag:a @stg+"),
            "--select:1:11: error: the '@' prefix and a '+' suffix cannot be combined\n"
            " 1 | tag:a @stg+\n"
            "   |           ^\n"
            "hint: @x already selects x, its descendants and their ancestors; drop the trailing '+'\n");
}

TEST(SelectorParser, MissingValue) {
  EXPECT_EQ(failure("tag:"),
            "--select:1:5: error: missing value after ':'\n"
            " 1 | tag:\n"
            "   |     ^\n"
            "hint: selectors look like [@][n+][method:]value[+[n]], e.g. +tag:nightly, 2+orders+1, @stg_users\n");
  EXPECT_EQ(first_line(failure("+")), "--select:1:2: error: missing node name or method:value");
}

TEST(SelectorParser, EmptyIntersectionPart) {
  EXPECT_EQ(failure("a,,b", "--exclude"),
            "--exclude:1:3: error: empty selector before ','\n"
            " 1 | a,,b\n"
            "   |   ^\n"
            "hint: intersections are written a,b with no spaces, e.g. tag:nightly,config.materialized:table\n");
  EXPECT_EQ(first_line(failure("a,")), "--select:1:3: error: missing selector after ','");
}

TEST(SelectorParser, InvalidValuesForTheirMethod) {
  EXPECT_EQ(failure("test_type:unittest"),
            "--select:1:11: error: invalid test_type 'unittest': expected generic, singular, unit or data\n"
            " 1 | test_type:unittest\n"
            "   |           ^^^^^^^^\n");
  EXPECT_EQ(first_line(failure("resource_type:modle")),
            "--select:1:15: error: invalid resource_type 'modle': expected one of model, seed, snapshot, test, "
            "unit_test, analysis, operation, source, exposure");
  EXPECT_EQ(first_line(failure("version:newest")),
            "--select:1:9: error: invalid version selector 'newest': expected latest, prerelease, old, none or a "
            "version number");
  EXPECT_EQ(first_line(failure("source:a.b.c.d")),
            "--select:1:8: error: invalid source selector 'a.b.c.d': expected source_name, source_name.table_name "
            "or package.source_name.table_name");
  EXPECT_EQ(failure("tag.x:y"),
            "--select:1:1: error: the tag method takes no '.x' argument\n"
            " 1 | tag.x:y\n"
            "   | ^^^^^\n");
  EXPECT_EQ(first_line(failure("config.:y")), "--select:1:8: error: empty part in selector method 'config.'");
}

TEST(SelectorParser, OperatorInsideValue) {
  EXPECT_EQ(failure("stg+orders").substr(0, 86),
            "--select:1:4: error: unexpected '+' inside a selector value\n 1 | stg+orders\n   |    ^\n");
}

TEST(SelectorParser, InvalidStateValuesPointAtTheValue) {
  EXPECT_EQ(failure("source_status:staler"),
            "--select:1:15: error: invalid source_status selector 'staler': expected fresher\n"
            " 1 | source_status:staler\n"
            "   |               ^^^^^^\n");
  EXPECT_EQ(failure("state:modified.everything"),
            "--select:1:7: error: invalid state selector 'modified.everything': expected new, old, modified, "
            "unmodified or modified.body|configs|relation|persisted_descriptions|macros|contract\n"
            " 1 | state:modified.everything\n"
            "   |       ^^^^^^^^^^^^^^^^^^^\n");
}

TEST(SelectorParser, DepthTooLarge) {
  EXPECT_EQ(first_line(failure("1234567890+x")), "--select:1:1: error: graph depth is too large");
}

}  // namespace
}  // namespace strata::graph
