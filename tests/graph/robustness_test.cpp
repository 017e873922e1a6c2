// Random selector strings and selectors.yml shapes: every input gives a value or an
// Error, never a crash or a hang.
#include <random>

#include <gtest/gtest.h>

#include "fixture_project.h"
#include "graph/selectors_yaml.h"

namespace strata::graph {
namespace {

TEST(Robustness, RandomSelectorStrings) {
  testing::ShopProject p;
  std::mt19937 rng(7);
  const std::string alphabet = "+@,:. */?[]!-_09abstgqfnmpcoir\t\n\xC3\xA9";
  const char* pieces[] = {"tag:", "config.", "source:", "path:", "file:", "+", "@", ",", " ", "*", "[", "]",
                          "stg_orders", "fct_orders", "1", "models/", "version:", "test_type:", "**/"};
  size_t parsed = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    size_t len = rng() % 12;
    for (size_t i = 0; i < len; ++i) {
      if (rng() % 2)
        text += alphabet[rng() % alphabet.size()];
      else
        text += pieces[rng() % (sizeof pieces / sizeof *pieces)];
    }
    SelectionRequest request;
    request.select = {text};
    request.indirect_selection = static_cast<IndirectSelection>(rng() % 4);
    auto s = select_nodes(*p.graph, request);
    if (s.ok()) {
      ++parsed;
    } else {
      EXPECT_FALSE(render_error(s.error()).empty());
    }
  }
  EXPECT_GT(parsed, 0u);
}

TEST(Robustness, OddSelectorsYamlShapes) {
  const char* documents[] = {
      "selectors:\n  - 3\n",
      "selectors:\n  - name: [a]\n    definition: x\n",
      "selectors:\n  - name: a\n    definition:\n      union:\n        - exclude: x\n",
      "selectors:\n  - name: a\n    definition:\n      union:\n        - exclude: [x]\n        - exclude: [y]\n",
      "selectors:\n  - name: a\n    definition:\n      intersection:\n        - [nested]\n",
      "selectors:\n  - name: a\n    definition:\n      method: fqn\n      value: {x: 1}\n",
      "selectors:\n  - name: a\n    definition:\n      ? [complex]\n      : key\n",
      "selectors:\n  - name: a\n    definition: {}\n",
      "- just a list\n",
      "selectors:\n  - name: a\n    definition:\n      method: config\n      value: x\n",
      "selectors:\n  - name: a\n    default: maybe\n    definition: x\n",
      "selectors:\n  - name: a\n    definition:\n      method: fqn\n      value: x\n      indirect_selection: sometimes\n",
  };
  for (const char* doc : documents) {
    auto file = std::make_shared<SourceText>(SourceText{"selectors.yml", doc});
    auto parsed = yaml::parse(doc);
    ASSERT_TRUE(parsed.tree) << doc;
    auto defs = parse_selectors_yaml(parsed.tree->root(), file);
    EXPECT_FALSE(defs.ok()) << doc;
    if (!defs.ok()) {
      EXPECT_NE(render_error(defs.error()).find("selectors.yml"), std::string::npos) << doc;
    }
  }
}

}  // namespace
}  // namespace strata::graph
