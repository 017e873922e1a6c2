// Globals whose value belongs to one run: run_started_at reads as dbt's aware UTC datetime,
// and reading it (or invocation_id) marks the render volatile, so its result is never
// reused by a later run (cli/output_reuse).
#include <gtest/gtest.h>

#include "render_snippet.h"

namespace strata::context {
namespace {

using testing::RenderedSnippet;

RenderedSnippet render(const std::string& source) {
  auto project = std::make_shared<ProjectContext>();
  project->root_package = "p";
  project->invocation_id = "11111111-2222-4333-8444-555555555555";
  project->run_started_at = "2026-11-23T05:41:40.528482Z";
  return testing::render_snippet(source, project);
}

TEST(RunGlobals, RunStartedAtIsAnAwareUtcDatetime) {
  RenderedSnippet r = render("{{ run_started_at }}|{{ run_started_at.strftime('%Y%m%d %H') }}|{{ run_started_at.year }}");
  EXPECT_EQ(r.text, "2026-11-23 05:41:40.528482+00:00|20261123 05|2026");
  EXPECT_TRUE(r.read_volatile);
}

TEST(RunGlobals, IsoformatAndReplaceFollowPython) {
  EXPECT_EQ(render("{{ run_started_at.isoformat() }}").text, "2026-11-23T05:41:40.528482+00:00");
  EXPECT_EQ(render("{{ run_started_at.isoformat(' ') }}").text, "2026-11-23 05:41:40.528482+00:00");
  EXPECT_EQ(render("{{ run_started_at.replace(day=1, hour=0, minute=0, second=0, microsecond=0) }}").text,
            "2026-11-01 00:00:00+00:00");
  EXPECT_EQ(render("{{ run_started_at.replace(year=2024, month=2, day=29).strftime('%Y-%m-%d %H') }}").text,
            "2024-02-29 05");
  EXPECT_EQ(render("{{ run_started_at.date().isoformat() }}").text, "2026-11-23");
}

TEST(RunGlobals, ReplaceRejectsImpossibleDates) {
  auto project = std::make_shared<ProjectContext>();
  project->run_started_at = "2026-11-23T05:41:40.528482Z";
  DbtEnvironment env(project);
  for (const char* source : {"{{ run_started_at.replace(month=2, day=30) }}", "{{ run_started_at.replace(hour=24) }}",
                             "{{ run_started_at.replace(days=1) }}", "{{ run_started_at.replace(1) }}"}) {
    auto tmpl = env.parse(source, "t.sql");
    ASSERT_TRUE(tmpl.ok());
    RenderState state;
    state.mode = RenderMode::Parse;
    state.project = project.get();
    auto out = env.render(**tmpl, state);
    EXPECT_FALSE(out.ok()) << source << " rendered " << (out.ok() ? *out : "");
  }
}

TEST(RunGlobals, ReadingRunValuesMarksTheRenderVolatile) {
  EXPECT_TRUE(render("{{ invocation_id }}").read_volatile);
  EXPECT_TRUE(render("{{ modules.datetime.datetime.now().year > 2000 }}").read_volatile);
  RenderedSnippet plain = render("{% set x = 'invocation_id' %}{{ x }} {{ target is defined }}");
  EXPECT_FALSE(plain.read_volatile);
  // A macro that reads it, called from the template, counts too.
  EXPECT_TRUE(render("{% macro m() %}{{ invocation_id[:4] }}{% endmacro %}{{ m() }}").read_volatile);
}

}  // namespace
}  // namespace strata::context
