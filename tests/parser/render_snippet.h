#pragma once
// Renders a snippet of template code in parse mode with a fresh DbtEnvironment, for tests
// of the dbt globals and functions; a failed parse or render fails the test.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "context/dbt_environment.h"

namespace strata::context::testing {

struct RenderedSnippet {
  std::string text;
  bool read_volatile = false;
};

// `project` defaults to one with root package "p".
inline RenderedSnippet render_snippet(const std::string& source, std::shared_ptr<ProjectContext> project = nullptr) {
  if (!project) {
    project = std::make_shared<ProjectContext>();
    project->root_package = "p";
  }
  DbtEnvironment env(project);
  auto tmpl = env.parse(source, "t.sql");
  EXPECT_TRUE(tmpl.ok());
  if (!tmpl.ok()) return {};
  RenderState state;
  state.mode = RenderMode::Parse;
  state.project = project.get();
  auto out = env.render(**tmpl, state);
  EXPECT_TRUE(out.ok()) << (out.ok() ? "" : render_error(out.error()));
  return {out.ok() ? *out : "", state.read_volatile};
}

}  // namespace strata::context::testing
