#include "common/error.h"

#include <gtest/gtest.h>

#include "common/result.h"

namespace strata {
namespace {

std::shared_ptr<const SourceText> text(std::string path, std::string content) {
  return std::make_shared<const SourceText>(SourceText{std::move(path), std::move(content)});
}

TEST(SourceSpan, OffsetToLineAndColumn) {
  auto src = text("models/a.sql", "select 1\nfrom {{ ref('x') }}\n");
  SourceSpan span = SourceSpan::at_offset(src, 14, 3);
  EXPECT_EQ(span.line, 2u);
  EXPECT_EQ(span.column, 6u);
  EXPECT_EQ(span.location(), "models/a.sql:2:6");
}

TEST(RenderError, LocationSourceLineAndCaret) {
  auto src = text("models/dim.sql", "select *\nfrom {{ ref('missing') }}\n");
  Error error(ErrorCode::Compilation, "model 'missing' not found", SourceSpan::at_offset(src, 17, 14));
  error.hint = "did you mean 'missed'?";
  EXPECT_EQ(render_error(error),
            "models/dim.sql:2:9: error: model 'missing' not found\n"
            " 2 | from {{ ref('missing') }}\n"
            "   |         ^^^^^^^^^^^^^^\n"
            "hint: did you mean 'missed'?\n");
}

TEST(RenderError, ChainShowsEachFrameWithItsLine) {
  auto macro = text("macros/m.sql", "{% macro m() %}\n  {{ 1 / 0 }}\n{% endmacro %}\n");
  auto model = text("models/x.sql", "select {{ m() }}\n");
  Error error(ErrorCode::TemplateRuntime, "division by zero", SourceSpan::at_offset(macro, 21, 5));
  error.reached_from("in macro 'm' called from", SourceSpan::at_offset(model, 7, 8));
  EXPECT_EQ(render_error(error),
            "macros/m.sql:2:6: error: division by zero\n"
            " 2 |   {{ 1 / 0 }}\n"
            "   |      ^^^^^\n"
            "  in macro 'm' called from at models/x.sql:1:8\n"
            " 1 | select {{ m() }}\n"
            "   |        ^^^^^^^^\n");
}

TEST(RenderError, WithoutSpanIsJustTheMessage) {
  EXPECT_EQ(render_error(Error(ErrorCode::Io, "cannot read x")), "error: cannot read x\n");
}

TEST(RenderError, CaretsClippedToLineAndTabsPreserved) {
  auto src = text("f.sql", "\tab\n");
  Error error(ErrorCode::Compilation, "bad", SourceSpan::at_offset(src, 1, 50));
  EXPECT_EQ(render_error(error), "f.sql:1:2: error: bad\n 1 | \tab\n   | \t^^\n");
}

TEST(RenderError, ColorWrapsSeverityAndCarets) {
  auto src = text("f.sql", "x\n");
  Error error(ErrorCode::Compilation, "bad", SourceSpan::at_offset(src, 0, 1));
  std::string colored = render_error(error, {true});
  EXPECT_NE(colored.find("\x1b[1;31merror: \x1b[0m"), std::string::npos);
  EXPECT_NE(colored.find("\x1b[1;31m^\x1b[0m"), std::string::npos);
}

Result<int> half(int x) {
  if (x % 2) return Error(ErrorCode::Usage, "odd");
  return x / 2;
}

Status chain(int x) {
  STRATA_TRY(half(x));
  return {};
}

TEST(Result, ValuesAndErrorsPropagate) {
  EXPECT_EQ(*half(4), 2);
  EXPECT_FALSE(half(3).ok());
  EXPECT_EQ(half(3).error().message, "odd");
  EXPECT_TRUE(chain(2).ok());
  EXPECT_EQ(chain(1).error().code, ErrorCode::Usage);
}

}  // namespace
}  // namespace strata
