// fromyaml() reads YAML with strata's parser (libyaml tree): PyYAML typing, merge keys,
// and the default (or none) for text that is not YAML; toyaml() writes it back.
#include <gtest/gtest.h>

#include "context/dbt_environment.h"

namespace strata::context {
namespace {

std::string render(const std::string& source) {
  auto project = std::make_shared<ProjectContext>();
  project->root_package = "p";
  DbtEnvironment env(project);
  auto tmpl = env.parse(source, "t.sql");
  EXPECT_TRUE(tmpl.ok());
  if (!tmpl.ok()) return {};
  RenderState state;
  state.mode = RenderMode::Parse;
  state.project = project.get();
  auto out = env.render(**tmpl, state);
  EXPECT_TRUE(out.ok()) << (out.ok() ? "" : render_error(out.error()));
  return out.ok() ? *out : "";
}

TEST(FromYaml, TypesScalarsAndAppliesMergeKeys) {
  EXPECT_EQ(render("{% set v = fromyaml('a: 1\\nb: [x, \"2\", yes, ~]\\nc: &c {k: v, j: 1}\\nd:\\n  <<: *c\\n  j: 2\\n') %}"
                   "{{ v | tojson }}"),
            R"({"a": 1, "b": ["x", "2", true, null], "c": {"j": 1, "k": "v"}, "d": {"j": 2, "k": "v"}})");  // tojson sorts keys
}

TEST(FromYaml, InvalidTextGivesTheDefaultOrNone) {
  EXPECT_EQ(render("{{ fromyaml('a: [1, 2', 'fallback') }}|{{ fromyaml('a: \"x') is none }}"), "fallback|True");
}

TEST(FromYaml, ToYamlRoundTrips) {
  EXPECT_EQ(render("{{ fromyaml(toyaml({'a': [1, 'b'], 'c': {'d': none}})) | tojson }}"),
            R"({"a": [1, "b"], "c": {"d": null}})");
}

}  // namespace
}  // namespace strata::context
