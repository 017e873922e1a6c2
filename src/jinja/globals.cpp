// Built-in global functions: range, dict, namespace, cycler, joiner, lipsum.
#include <random>

#include "jinja/builtins.h"
#include "jinja/environment.h"
#include "jinja/methods.h"
#include "jinja/objects.h"
#include "jinja/renderer.h"

namespace strata::jinja {

namespace {

// SandboxedEnvironment refuses ranges longer than this.
constexpr int64_t kMaxRange = 100000;

Value g_range(CallArgs& args) {
  if (!args.keyword.empty()) throw_runtime("range() takes no keyword arguments");
  expect_args(args, "range", 1, 3);
  int64_t start = 0, stop, step = 1;
  if (args.positional.size() == 1) {
    stop = arg_int(args.positional[0], "range");
  } else {
    start = arg_int(args.positional[0], "range");
    stop = arg_int(args.positional[1], "range");
    if (args.positional.size() == 3) step = arg_int(args.positional[2], "range");
  }
  if (step == 0) throw_runtime("range() arg 3 must not be zero");
  __int128 count = 0;
  if (step > 0 && stop > start) count = ((__int128)stop - start + step - 1) / step;
  if (step < 0 && stop < start) count = ((__int128)start - stop - step - 1) / (-(__int128)step);
  if (count > kMaxRange) {
    throw_runtime("Range too big. The sandbox blocks ranges larger than MAX_RANGE (" + std::to_string(kMaxRange) + ").");
  }
  std::vector<Value> out;
  out.reserve(static_cast<size_t>(count));
  int64_t v = start;
  for (__int128 i = 0; i < count; ++i, v += step) out.emplace_back(v);
  return Value::list(std::move(out));
}

Value g_dict(Renderer& r, CallArgs& args) {
  expect_args(args, "dict", 0, 1);
  Value d = Value::dict();
  if (!args.positional.empty()) {
    const Value& src = args.positional[0];
    if (src.is_dict()) {
      for (const auto& [k, v] : src.as_dict().entries()) d.as_dict().set(k, v);
    } else {
      for (const Value& pair : r.iterate(src)) {
        auto kv = r.iterate(pair);
        if (kv.size() != 2) throw_runtime("dictionary update sequence element has wrong length");
        d.as_dict().set(kv[0], kv[1]);
      }
    }
  }
  for (const auto& [k, v] : args.keyword) d.as_dict().set(std::string_view(k), v);
  return d;
}

Value g_namespace(Renderer& r, CallArgs& args) {
  auto ns = std::make_shared<NamespaceObject>();
  Value init = g_dict(r, args);
  for (const auto& [k, v] : init.as_dict().entries()) ns->attrs().set(k, v);
  return Value::object(ns);
}

Value g_lipsum(CallArgs& args) {
  Params p(args, "lipsum", {"n", "html", "min", "max"});
  int64_t n = p.get(0) ? arg_int(*p.get(0), "n") : 5;
  bool html = p.truthy(1, true);
  int64_t mn = p.get(2) ? arg_int(*p.get(2), "min") : 20;
  int64_t mx = p.get(3) ? arg_int(*p.get(3), "max") : 100;
  if (n > 1000 || mx > 10000 || mn < 1 || mx < mn) throw_runtime("lipsum arguments out of range");
  static const char* kWords[] = {"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do",
                                 "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua"};
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string out;
  for (int64_t i = 0; i < n; ++i) {
    int64_t count = mn + (mx > mn ? static_cast<int64_t>(rng() % static_cast<uint64_t>(mx - mn)) : 0);
    std::string para;
    for (int64_t w = 0; w < count; ++w) {
      if (w) para += ' ';
      std::string word = kWords[rng() % (sizeof kWords / sizeof *kWords)];
      if (w == 0) word[0] = static_cast<char>(word[0] - 32);
      para += word;
    }
    para += '.';
    if (!out.empty()) out += html ? "\n" : "\n\n";
    out += html ? "<p>" + para + "</p>" : para;
  }
  return html ? Value::safe_string(out) : Value(out);
}

}  // namespace

void register_builtin_globals(Environment& env) {
  env.add_function("range", [](CallContext&, CallArgs& args) -> Result<Value> { return g_range(args); });
  env.add_function("dict", [](CallContext& ctx, CallArgs& args) -> Result<Value> { return g_dict(renderer_of(ctx), args); });
  env.add_function("namespace", [](CallContext& ctx, CallArgs& args) -> Result<Value> { return g_namespace(renderer_of(ctx), args); });
  env.add_function("lipsum", [](CallContext&, CallArgs& args) -> Result<Value> { return g_lipsum(args); });
  env.add_function("cycler", [](CallContext&, CallArgs& args) -> Result<Value> {
    return Value::object(std::make_shared<CyclerObject>(args.positional));
  });
  env.add_function("joiner", [](CallContext& ctx, CallArgs& args) -> Result<Value> {
    Params p(args, "joiner", {"sep"});
    return Value::object(std::make_shared<JoinerObject>(p.get(0) ? renderer_of(ctx).to_string(*p.get(0)) : ", "));
  });
}

}  // namespace strata::jinja
