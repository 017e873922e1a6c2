// libFuzzer entry: any bytes as a template, parsed and rendered (lenient, strict, native)
// under a small step budget and depth limit. Crashes, sanitizer reports and hangs are bugs.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "jinja/environment.h"

using namespace strata::jinja;

namespace {

// A fresh environment per input: the parse cache would otherwise grow with every input.
std::unique_ptr<Environment> make_environment() {
  auto env = [] {
    auto e = std::make_unique<Environment>();
    auto loader = std::make_shared<MapLoader>();
    loader->add("base.html", "<{% block body %}base{% endblock %}>{% block foot %}{% endblock %}");
    loader->add("lib.html", "{% macro m(x, y=2) %}[{{ x }}{{ y }}{{ caller() if caller }}]{% endmacro %}{% set v = 1 %}");
    loader->add("part.html", "{{ x }}{% include 'part.html' ignore missing %}");
    loader->add("self.html", "{% extends 'self.html' %}");
    e->set_loader(loader);
    e->add_function("return", [](CallContext& ctx, CallArgs& args) -> strata::Result<Value> {
      ctx.return_from_macro(args.positional.empty() ? Value() : args.positional[0]);
      return Value(std::string());
    });
    BlockTag docs;
    docs.name = "docs";
    docs.kind = BlockTag::Kind::Body;
    docs.on_render = [](CallContext&, const TagBlock& block) -> strata::Result<Value> {
      auto body = block.render_body();
      if (!body.ok()) return std::move(body).error();
      return Value(*body);
    };
    e->add_block_tag(docs);
    BlockTag test;
    test.name = "test";
    test.macro_name = [](const TagHeader& h) -> strata::Result<std::string> { return "test_" + h.name; };
    e->add_block_tag(test);
    return e;
  }();
  return env;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  std::unique_ptr<Environment> owned = make_environment();
  Environment& env = *owned;
  std::string source(reinterpret_cast<const char*>(data), size);
  auto tmpl = env.parse(source, "fuzz.html");
  if (!tmpl.ok()) return 0;
  Value vars = make_dict({{"x", Value(int64_t{3})},
                          {"s", Value("a b c")},
                          {"items", Value::list({Value(1), Value("two"), Value(3.5), Value()})},
                          {"d", make_dict({{"k", Value("v")}, {"n", Value(int64_t{-7})}})}});
  RenderSettings settings;
  settings.max_steps = 20000;
  settings.max_depth = 48;
  settings.max_bytes = 8u << 20;  // like the step budget: keeps each input fast under ASan
  (void)(*tmpl)->render(vars, settings);
  settings.undefined = UndefinedPolicy::Strict;
  (void)(*tmpl)->render(vars, settings);
  (void)(*tmpl)->render_native(vars, settings);
  (void)(*tmpl)->macros();
  (void)(*tmpl)->tag_blocks();
  return 0;
}
