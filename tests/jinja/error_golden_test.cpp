// Golden tests of rendered template errors: position, source line, caret, macro chain.
#include <gtest/gtest.h>

#include "jinja/environment.h"

namespace strata::jinja {
namespace {

std::string error_text(Environment& env, const std::string& source, const std::string& path = "models/m.sql") {
  auto tmpl = env.parse(source, path);
  if (!tmpl.ok()) return render_error(tmpl.error());
  RenderSettings settings;
  settings.undefined = UndefinedPolicy::Strict;
  auto out = (*tmpl)->render(Value::dict(), settings);
  if (out.ok()) return "<no error: " + *out + ">";
  return render_error(out.error());
}

TEST(JinjaErrors, SyntaxErrorPointsAtToken) {
  Environment env;
  EXPECT_EQ(error_text(env, "select 1\nfrom {{ ref('a' }}\n"),
            "models/m.sql:2:17: error: unexpected '}', expected ')'\n"
            " 2 | from {{ ref('a' }}\n"
            "   |                 ^\n");
}

TEST(JinjaErrors, UnclosedBlockNamesTheBlock) {
  Environment env;
  EXPECT_EQ(error_text(env, "{% for x in y %}\n{{ x }}\n"),
            "models/m.sql:2:8: error: Unexpected end of template. Jinja was looking for the following tags: 'endfor' or "
            "'else'. The innermost block that needs to be closed is 'for'.\n"
            " 2 | {{ x }}\n"
            "   |        ^\n");
}

TEST(JinjaErrors, UndefinedInsideMacroShowsCallChain) {
  Environment env;
  EXPECT_EQ(error_text(env,
                       "{% macro inner(c) %}\n  {{ c.name ~ missing }}\n{% endmacro %}\n"
                       "{% macro outer() %}{{ inner({'name': 'x'}) }}{% endmacro %}\n"
                       "select {{ outer() }}"),
            "models/m.sql:2:15: error: 'missing' is undefined\n"
            " 2 |   {{ c.name ~ missing }}\n"
            "   |               ^^^^^^^\n"
            "  in macro 'inner' at models/m.sql:1:1\n"
            " 1 | {% macro inner(c) %}\n"
            "   | ^^^^^^^^^^^^^^^^^\n"
            "  called at models/m.sql:4:23\n"
            " 4 | {% macro outer() %}{{ inner({'name': 'x'}) }}{% endmacro %}\n"
            "   |                       ^^^^^^^^^^^^^^^^^^^^\n"
            "  in macro 'outer' at models/m.sql:4:1\n"
            " 4 | {% macro outer() %}{{ inner({'name': 'x'}) }}{% endmacro %}\n"
            "   | ^^^^^^^^^^^^^^^^\n"
            "  called at models/m.sql:5:11\n"
            " 5 | select {{ outer() }}\n"
            "   |           ^^^^^^^\n"
            "hint: check the spelling, pass the variable in the context, or guard it with `is defined` / |default\n");
}

TEST(JinjaErrors, RuntimeErrorPointsAtExpression) {
  Environment env;
  EXPECT_EQ(error_text(env, "{% set n = 0 %}\nselect {{ 10 // n }}"),
            "models/m.sql:2:11: error: integer division or modulo by zero\n"
            " 2 | select {{ 10 // n }}\n"
            "   |           ^^^^^^^\n");
}

TEST(JinjaErrors, UnknownFilterIsASyntaxError) {
  Environment env;
  EXPECT_EQ(error_text(env, "{{ x | nosuch }}"),
            "models/m.sql:1:8: error: No filter named 'nosuch'.\n"
            " 1 | {{ x | nosuch }}\n"
            "   |        ^^^^^^\n");
}

}  // namespace
}  // namespace strata::jinja
