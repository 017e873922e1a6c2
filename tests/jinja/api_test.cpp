// Host extension points of the Jinja engine: what the dbt layer relies on.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "jinja/environment.h"

namespace strata::jinja {
namespace {

std::string render(Environment& env, const std::string& source, Value vars = Value::dict(), RenderSettings settings = {}) {
  auto tmpl = env.parse(source, "t.sql");
  EXPECT_TRUE(tmpl.ok()) << (tmpl.ok() ? "" : render_error(tmpl.error()));
  if (!tmpl.ok()) return "<parse error>";
  auto out = (*tmpl)->render(vars, settings);
  EXPECT_TRUE(out.ok()) << (out.ok() ? "" : render_error(out.error()));
  return out.ok() ? *out : "<render error>";
}

void add_return(Environment& env) {
  env.add_function("return", [](CallContext& ctx, CallArgs& args) -> Result<Value> {
    ctx.return_from_macro(args.positional.empty() ? Value() : args.positional[0]);
    return Value(std::string());
  });
}

TEST(JinjaApi, RegisteredFunctionSeesArgsKwargsAndCallSite) {
  Environment env;
  std::string seen;
  env.add_function("ref", [&seen](CallContext& ctx, CallArgs& args) -> Result<Value> {
    seen = ctx.span().location();
    const Value* v = args.kwarg("v");
    return Value("\"db\".\"" + args.positional.at(0).as_string() + "\"" + (v ? "@" + v->str() : ""));
  });
  EXPECT_EQ(render(env, "select * from\n  {{ ref('orders', v=2) }}"), "select * from\n  \"db\".\"orders\"@2");
  EXPECT_EQ(seen, "t.sql:2:6");
}

TEST(JinjaApi, HostErrorBecomesRuntimeErrorAtCallSite) {
  Environment env;
  env.add_function("ref", [](CallContext& ctx, CallArgs&) -> Result<Value> { return ctx.error("model 'x' not found"); });
  auto tmpl = env.parse("a\n{{ ref('x') }}", "m.sql");
  ASSERT_TRUE(tmpl.ok());
  ErrorKind kind = ErrorKind::Syntax;
  auto out = (*tmpl)->render(Value::dict(), {}, &kind);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(kind, ErrorKind::Runtime);
  EXPECT_EQ(out.error().message, "model 'x' not found");
  EXPECT_EQ(out.error().span.location(), "m.sql:2:4");
}

TEST(JinjaApi, ReturnEndsMacroWithValue) {
  Environment env;
  add_return(env);
  EXPECT_EQ(render(env, "{% macro m(x) %}ignored{{ return([x, x * 2]) }}never{% endmacro %}{{ m(3)[1] }}"), "6");
  EXPECT_EQ(render(env, "{% macro m() %}{% if true %}{% do return({'a': 1}) %}{% endif %}{% endmacro %}{{ m().a }}"), "1");
}

// return() as a statement stops the macro without an exception; everywhere else it throws.
// Both paths must give Jinja-in-dbt's result.
TEST(JinjaApi, ReturnFromEveryKindOfBody) {
  Environment env;
  add_return(env);
  env.add_function("seen", [](CallContext&, CallArgs& args) -> Result<Value> { return args.positional.at(0); });
  // For loops: the first match returns; later iterations, the else block and the rest of
  // the body never run.
  EXPECT_EQ(render(env, "{% macro first_even(xs) %}{% for x in xs %}{% if x % 2 == 0 %}{{ return(x) }}{% endif %}"
                        "{% else %}{{ return(-1) }}{% endfor %}{{ return(0) }}{% endmacro %}"
                        "{{ first_even([1, 3, 4, 6]) }} {{ first_even([1]) }} {{ first_even([]) }}"),
            "4 0 -1");
  // with blocks and nested loops.
  EXPECT_EQ(render(env, "{% macro m() %}{% with a = 2 %}{% for i in [1] %}{% for j in [5, 6] %}{{ return(a * j) }}"
                        "{% endfor %}{% endfor %}{% endwith %}{% endmacro %}{{ m() }}"),
            "10");
  // Inside a set block (exception path): the block's text is never assigned or printed.
  EXPECT_EQ(render(env, "{% macro m() %}{% set t %}x{{ return('from set') }}{% endset %}{{ t }}{% endmacro %}[{{ m() }}]"),
            "[from set]");
  // As an argument (exception path): the outer call never happens.
  EXPECT_EQ(render(env, "{% macro m() %}{{ seen(return(7)) }}after{% endmacro %}{{ m() }}"), "7");
  // A returning caller() gives its value to the macro that called it, which goes on.
  EXPECT_EQ(render(env, "{% macro wrap() %}<{{ caller() }}>{% endmacro %}"
                        "{% macro m() %}{% call wrap() %}{{ return('c') }}{% endcall %}!{% endmacro %}{{ m() }}"),
            "<c>!");
  // Nested macros: an inner return ends only the inner macro.
  EXPECT_EQ(render(env, "{% macro inner() %}{{ return(1) }}{% endmacro %}"
                        "{% macro outer() %}{% set v = inner() %}{{ return(v + 1) }}{% endmacro %}{{ outer() }}"),
            "2");
  // A macro that does not return renders its text; one rendered after a returning one too.
  EXPECT_EQ(render(env, "{% macro r() %}{{ return(3) }}{% endmacro %}{% macro t() %}text{% endmacro %}{{ r() }}{{ t() }}"),
            "3text");
}

TEST(JinjaApi, CallMacroFromHostWithNativeValues) {
  Environment env;
  add_return(env);
  auto tmpl = env.parse("{% macro add(a, b=10) %}{{ return(a + b) }}{% endmacro %}{% macro text(x) %}<{{ x }}>{% endmacro %}", "m.sql");
  ASSERT_TRUE(tmpl.ok());
  CallArgs args;
  args.positional.push_back(Value(int64_t{5}));
  auto v = (*tmpl)->call_macro("add", args, Value::dict());
  ASSERT_TRUE(v.ok()) << render_error(v.error());
  EXPECT_TRUE(v->is_int());
  EXPECT_EQ(v->as_int(), 15);
  CallArgs targs;
  targs.keyword.emplace_back("x", Value("hi"));
  auto t = (*tmpl)->call_macro("text", targs, Value::dict());
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->as_string(), "<hi>");
  EXPECT_FALSE((*tmpl)->call_macro("missing", {}, Value::dict()).ok());
}

TEST(JinjaApi, ListsMacrosWithoutRendering) {
  Environment env;
  auto tmpl = env.parse("{{ boom() }}\n{% macro a(x, y=1) %}{{ varargs }}{{ caller() }}{% endmacro %}\n{% macro b() %}{% endmacro %}", "m.sql");
  ASSERT_TRUE(tmpl.ok());
  auto macros = (*tmpl)->macros();
  ASSERT_EQ(macros.size(), 2u);
  EXPECT_EQ(macros[0].name, "a");
  ASSERT_EQ(macros[0].params.size(), 2u);
  EXPECT_EQ(macros[0].params[1].name, "y");
  EXPECT_TRUE(macros[0].params[1].has_default);
  EXPECT_EQ(macros[0].params[1].default_source, "1");
  EXPECT_TRUE(macros[0].catch_varargs);
  EXPECT_TRUE(macros[0].caller);
  EXPECT_EQ(macros[0].span.location(), "m.sql:2:1");
  EXPECT_EQ(macros[1].name, "b");
}

TEST(JinjaApi, UnboundMacroResolvesGlobalsInCallingRender) {
  Environment env;
  auto lib = env.parse("{% macro cents(col) %}({{ col }} / 100)::{{ target.type }}{% endmacro %}", "macros/cents.sql");
  ASSERT_TRUE(lib.ok());
  Value vars = make_dict({{"cents", (*lib)->macro("cents")}, {"target", make_dict({{"type", Value("numeric")}})}});
  EXPECT_EQ(render(env, "select {{ cents('amount') }}", vars), "select (amount / 100)::numeric");
  EXPECT_TRUE((*lib)->macro("nope").is_undefined());
}

TEST(JinjaApi, MacroLikeBlockTags) {
  Environment env;
  BlockTag materialization;
  materialization.name = "materialization";
  materialization.kind = BlockTag::Kind::Macro;
  materialization.macro_name = [](const TagHeader& h) -> Result<std::string> {
    const Value* adapter = h.option("adapter");
    return "materialization_" + h.name + "_" + (adapter ? adapter->as_string() : h.option("default") ? "default" : "?");
  };
  env.add_block_tag(materialization);
  BlockTag test;
  test.name = "test";
  test.kind = BlockTag::Kind::Macro;
  test.macro_name = [](const TagHeader& h) -> Result<std::string> { return "test_" + h.name; };
  env.add_block_tag(test);
  auto tmpl = env.parse(
      "{% materialization table, adapter='duckdb' %}T{% endmaterialization %}"
      "{% materialization view, default %}V{% endmaterialization %}"
      "{% test not_null(model, column_name) %}select * from {{ model }} where {{ column_name }} is null{% endtest %}",
      "m.sql");
  ASSERT_TRUE(tmpl.ok()) << render_error(tmpl.error());
  auto macros = (*tmpl)->macros();
  ASSERT_EQ(macros.size(), 3u);
  EXPECT_EQ(macros[0].name, "materialization_table_duckdb");
  EXPECT_EQ(macros[1].name, "materialization_view_default");
  EXPECT_EQ(macros[2].name, "test_not_null");
  CallArgs args;
  args.positional = {Value("orders"), Value("id")};
  auto out = (*tmpl)->call_macro("test_not_null", args, Value::dict());
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->as_string(), "select * from orders where id is null");
}

TEST(JinjaApi, BodyCaptureBlockTags) {
  Environment env;
  std::vector<std::string> seen;
  BlockTag docs;
  docs.name = "docs";
  docs.kind = BlockTag::Kind::Body;
  docs.on_render = [&seen](CallContext&, const TagBlock& block) -> Result<Value> {
    auto body = block.render_body();
    if (!body.ok()) return std::move(body).error();
    seen.push_back(block.header.name + "=" + std::string(block.raw_body) + "|" + *body);
    return Value();
  };
  env.add_block_tag(docs);
  auto tmpl = env.parse("a{% docs orders %}Orders {{ 1 + 1 }}{% enddocs %}b", "d.md");
  ASSERT_TRUE(tmpl.ok()) << render_error(tmpl.error());
  auto blocks = (*tmpl)->tag_blocks();
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].header.name, "orders");
  EXPECT_EQ(blocks[0].raw_body, "Orders {{ 1 + 1 }}");
  auto out = (*tmpl)->render(Value::dict());
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "ab");
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0], "orders=Orders {{ 1 + 1 }}|Orders 2");
}

TEST(JinjaApi, NativeRender) {
  Environment env;
  auto native = [&](const std::string& src, Value vars = Value::dict()) {
    auto tmpl = env.parse(src, "v.yml");
    EXPECT_TRUE(tmpl.ok());
    auto v = (*tmpl)->render_native(vars);
    EXPECT_TRUE(v.ok());
    return *v;
  };
  Value two = native("{{ 1 + 1 }}");
  EXPECT_TRUE(two.is_int());
  EXPECT_EQ(two.as_int(), 2);
  Value dev = native("{{ target.name == 'dev' }}", make_dict({{"target", make_dict({{"name", Value("dev")}})}}));
  EXPECT_TRUE(dev.is_bool() && dev.as_bool());
  Value list = native("[1, {{ 2 }}]");
  ASSERT_TRUE(list.is_list());
  EXPECT_EQ(list.repr(), "[1, 2]");
  EXPECT_TRUE(native("plain text").is_string());
}

TEST(JinjaApi, StrictAndLenientUndefined) {
  Environment env;
  auto tmpl = env.parse("[{{ missing }}]{% if missing is defined %}x{% endif %}", "u.sql");
  ASSERT_TRUE(tmpl.ok());
  EXPECT_EQ(*(*tmpl)->render(Value::dict()), "[]");
  RenderSettings strict;
  strict.undefined = UndefinedPolicy::Strict;
  ErrorKind kind = ErrorKind::Runtime;
  auto out = (*tmpl)->render(Value::dict(), strict, &kind);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(kind, ErrorKind::Undefined);
  EXPECT_EQ(out.error().message, "'missing' is undefined");
}

class Relation : public HostObject {
 public:
  std::string type_name() const override { return "Relation"; }
  std::optional<Value> get_attr(std::string_view name) const override {
    if (name == "schema") return Value("main");
    return std::nullopt;
  }
  std::optional<Result<Value>> call_method(CallContext&, std::string_view name, CallArgs& args) const override {
    if (name == "include") return Result<Value>(Value("inc(" + std::to_string(args.keyword.size()) + ")"));
    return std::nullopt;
  }
  std::string str() const override { return "\"main\".\"orders\""; }
};

TEST(JinjaApi, HostObjectsAndSharedMutation) {
  Environment env;
  Value cols = Value::list();
  Value vars = make_dict({{"rel", Value::object(std::make_shared<Relation>())}, {"cols", cols}});
  EXPECT_EQ(render(env, "{{ rel }} {{ rel.schema }} {{ rel.include(schema=false) }} [{{ rel.nope }}]", vars),
            "\"main\".\"orders\" main inc(1) []");
  EXPECT_EQ(render(env, "{% do cols.append('a') %}{% set c = cols %}{% do c.append('b') %}{{ cols }}", vars), "['a', 'b']");
  EXPECT_EQ(cols.as_list().items.size(), 2u);
}

// A namespace-like host object (a package's macros): `_private` members are reachable,
// dunders are not; other host objects keep the sandbox's underscore rule.
class Namespace : public HostObject {
 public:
  std::string type_name() const override { return "Namespace"; }
  std::optional<Value> get_attr(std::string_view name) const override {
    if (name == "_helper" || name == "__class__") return Value("found " + std::string(name));
    return std::nullopt;
  }
  bool underscore_names_are_members() const override { return true; }
};

class Opaque : public HostObject {
 public:
  std::string type_name() const override { return "Opaque"; }
  std::optional<Value> get_attr(std::string_view name) const override { return Value("leaked " + std::string(name)); }
};

TEST(JinjaApi, UnderscoreMembersOfNamespaceObjects) {
  Environment env;
  Value vars = make_dict({{"ns", Value::object(std::make_shared<Namespace>())}, {"other", Value::object(std::make_shared<Opaque>())}});
  EXPECT_EQ(render(env, "{{ ns._helper }}|{{ ns['_helper'] }}", vars), "found _helper|found _helper");
  EXPECT_EQ(render(env, "[{{ ns.__class__ }}][{{ other._x }}][{{ other['_x'] }}]", vars), "[][][]");
  EXPECT_EQ(render(env, "{{ other.x }}", vars), "leaked x");
}

TEST(JinjaApi, StepBudgetAndRecursionLimit) {
  Environment env;
  RenderSettings settings;
  settings.max_steps = 100000;
  auto loop = env.parse("{% for i in range(100000) %}{% for j in range(100000) %}{{ j }}{% endfor %}{% endfor %}", "l.sql");
  ASSERT_TRUE(loop.ok());
  auto out = (*loop)->render(Value::dict(), settings);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.error().message.find("step budget"), std::string::npos);
  auto rec = env.parse("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}", "r.sql");
  ASSERT_TRUE(rec.ok());
  auto out2 = (*rec)->render(Value::dict());
  ASSERT_FALSE(out2.ok());
  EXPECT_NE(out2.error().message.find("recursion depth"), std::string::npos);
}

TEST(JinjaApi, MemoryBudget) {
  Environment env;
  RenderSettings settings;
  settings.max_bytes = 10 << 20;
  auto tmpl = env.parse("{% set ns = namespace(s='x' * 100000) %}{% for i in range(1000) %}{% set ns.s = ns.s ~ 'y' %}{% endfor %}", "b.sql");
  ASSERT_TRUE(tmpl.ok());
  auto out = (*tmpl)->render(Value::dict(), settings);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.error().message.find("memory budget"), std::string::npos);
}

TEST(JinjaApi, ParseCacheAndConcurrentRenders) {
  Environment env;
  auto a = env.parse("{% for i in items %}{{ i * k }},{% endfor %}", "c.sql");
  auto b = env.parse("{% for i in items %}{{ i * k }},{% endfor %}", "c.sql");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->get(), b->get());
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int n = 0; n < 200; ++n) {
        Value vars = make_dict({{"items", Value::list({Value(1), Value(2)})}, {"k", Value(t)}});
        auto out = (*a)->render(vars);
        if (out.ok() && *out == std::to_string(t) + "," + std::to_string(2 * t) + ",") ++good;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(good.load(), 800);
}

TEST(JinjaApi, IncludeImportExtendsThroughLoader) {
  Environment env;
  auto loader = std::make_shared<MapLoader>();
  loader->add("base.sql", "<{% block body %}base{% endblock %}>");
  loader->add("lib.sql", "{% macro hi(n) %}hi {{ n }}{% endmacro %}");
  loader->add("part.sql", "[{{ x }}]");
  env.set_loader(loader);
  EXPECT_EQ(render(env, "{% extends 'base.sql' %}{% block body %}{{ super() }}+child{% endblock %}"), "<base+child>");
  EXPECT_EQ(render(env, "{% import 'lib.sql' as lib %}{% from 'lib.sql' import hi %}{{ lib.hi(1) }} {{ hi(2) }}"), "hi 1 hi 2");
  EXPECT_EQ(render(env, "{% set x = 3 %}{% include 'part.sql' %}"), "[3]");
  auto missing = env.parse("{% include 'nope.sql' %}", "i.sql");
  ErrorKind kind = ErrorKind::Runtime;
  auto out = (*missing)->render(Value::dict(), {}, &kind);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(kind, ErrorKind::NotFound);
}

}  // namespace
}  // namespace strata::jinja
