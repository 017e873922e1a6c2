// Python dict methods.
#include "jinja/methods.h"
#include "jinja/renderer.h"

namespace strata::jinja {

bool has_dict_method(std::string_view name) {
  static const char* kNames[] = {"items", "keys", "values", "get", "update", "pop", "setdefault", "copy", "clear", "popitem"};
  for (const char* n : kNames) {
    if (name == n) return true;
  }
  return false;
}

Value call_dict_method(Renderer& r, const Value& receiver, std::string_view name, CallArgs& args) {
  Dict& dict = receiver.as_dict();
  if (name == "items") {
    expect_args(args, name, 0, 0);
    std::vector<Value> items;
    items.reserve(dict.size());
    for (const auto& [k, v] : dict.entries()) items.push_back(Value::tuple({k, v}));
    return Value::list(std::move(items));
  }
  if (name == "keys" || name == "values") {
    expect_args(args, name, 0, 0);
    std::vector<Value> items;
    items.reserve(dict.size());
    for (const auto& [k, v] : dict.entries()) items.push_back(name == "keys" ? k : v);
    return Value::list(std::move(items));
  }
  if (name == "get") {
    expect_args(args, name, 1, 2);
    if (const Value* v = dict.find(args.positional[0])) return *v;
    return args.positional.size() > 1 ? args.positional[1] : Value();
  }
  if (name == "update") {
    expect_args(args, name, 0, 1);
    if (!args.positional.empty()) {
      const Value& other = args.positional[0];
      if (other.is_dict()) {
        auto entries = other.as_dict().entries();
        for (const auto& [k, v] : entries) {
          dict.set(k, v);
          r.note_insert(receiver, v);
        }
      } else {
        for (const Value& pair : r.iterate(other)) {
          std::vector<Value> kv = r.iterate(pair);
          if (kv.size() != 2) throw_runtime("dictionary update sequence element has wrong length");
          dict.set(kv[0], kv[1]);
          r.note_insert(receiver, kv[1]);
        }
      }
    }
    for (const auto& [k, v] : args.keyword) {
      dict.set(std::string_view(k), v);
      r.note_insert(receiver, v);
    }
    return Value();
  }
  if (name == "pop") {
    expect_args(args, name, 1, 2);
    if (const Value* v = dict.find(args.positional[0])) {
      Value out = *v;
      dict.erase(args.positional[0]);
      return out;
    }
    if (args.positional.size() > 1) return args.positional[1];
    throw_runtime("KeyError: " + args.positional[0].repr());
  }
  if (name == "popitem") {
    expect_args(args, name, 0, 0);
    if (dict.empty()) throw_runtime("popitem(): dictionary is empty");
    auto last = dict.entries().back();
    dict.erase(last.first);
    return Value::tuple({last.first, last.second});
  }
  if (name == "setdefault") {
    expect_args(args, name, 1, 2);
    if (const Value* v = dict.find(args.positional[0])) return *v;
    Value dflt = args.positional.size() > 1 ? args.positional[1] : Value();
    dict.set(args.positional[0], dflt);
    r.note_insert(receiver, dflt);
    return dflt;
  }
  if (name == "copy") {
    expect_args(args, name, 0, 0);
    Value copy = Value::dict();
    for (const auto& [k, v] : dict.entries()) copy.as_dict().set(k, v);
    return copy;
  }
  if (name == "clear") {
    expect_args(args, name, 0, 0);
    dict.clear();
    return Value();
  }
  throw_runtime("'dict' object has no attribute '" + std::string(name) + "'");
}

}  // namespace strata::jinja
