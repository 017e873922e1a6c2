// Python list/tuple methods.
#include <algorithm>

#include "jinja/methods.h"
#include "jinja/operators.h"
#include "jinja/renderer.h"

namespace strata::jinja {

bool has_list_method(std::string_view name) {
  static const char* kNames[] = {"append", "extend", "insert", "pop", "remove", "index", "count", "reverse", "sort", "copy", "clear"};
  for (const char* n : kNames) {
    if (name == n) return true;
  }
  return false;
}

Value call_list_method(Renderer& r, const Value& receiver, std::string_view name, CallArgs& args) {
  List& list = receiver.as_list();
  auto& items = list.items;
  bool mutating = name != "index" && name != "count" && name != "copy";
  if (list.is_tuple && mutating) throw_runtime("'tuple' object has no attribute '" + std::string(name) + "'");
  if (name == "append") {
    expect_args(args, name, 1, 1);
    if (items.size() >= (16u << 20)) throw_runtime("list too large");
    items.push_back(args.positional[0]);
    r.charge(16);
    r.note_insert(receiver, args.positional[0]);
    return Value();
  }
  if (name == "extend") {
    expect_args(args, name, 1, 1);
    std::vector<Value> extra = r.iterate(args.positional[0]);
    if (items.size() + extra.size() >= (16u << 20)) throw_runtime("list too large");
    r.charge(16 * extra.size());
    items.insert(items.end(), extra.begin(), extra.end());
    for (const Value& v : extra) r.note_insert(receiver, v);
    return Value();
  }
  if (name == "insert") {
    expect_args(args, name, 2, 2);
    int64_t n = static_cast<int64_t>(items.size());
    int64_t i = arg_int(args.positional[0], "index");
    if (i < 0) i = std::max<int64_t>(0, i + n);
    if (i > n) i = n;
    items.insert(items.begin() + i, args.positional[1]);
    r.note_insert(receiver, args.positional[1]);
    return Value();
  }
  if (name == "pop") {
    expect_args(args, name, 0, 1);
    if (items.empty()) throw_runtime("pop from empty list");
    int64_t n = static_cast<int64_t>(items.size());
    int64_t i = args.positional.empty() ? n - 1 : arg_int(args.positional[0], "index");
    if (i < 0) i += n;
    if (i < 0 || i >= n) throw_runtime("pop index out of range");
    Value v = items[static_cast<size_t>(i)];
    items.erase(items.begin() + i);
    return v;
  }
  if (name == "remove") {
    expect_args(args, name, 1, 1);
    for (size_t i = 0; i < items.size(); ++i) {
      if (items[i].equals(args.positional[0])) {
        items.erase(items.begin() + static_cast<std::ptrdiff_t>(i));
        return Value();
      }
    }
    throw_runtime("list.remove(x): x not in list");
  }
  if (name == "index") {
    expect_args(args, name, 1, 3);
    int64_t n = static_cast<int64_t>(items.size());
    int64_t start = args.positional.size() > 1 ? arg_int(args.positional[1], "start") : 0;
    int64_t stop = args.positional.size() > 2 ? arg_int(args.positional[2], "stop") : n;
    if (start < 0) start = std::max<int64_t>(0, start + n);
    if (stop < 0) stop = std::max<int64_t>(0, stop + n);
    for (int64_t i = start; i < std::min(stop, n); ++i) {
      if (items[static_cast<size_t>(i)].equals(args.positional[0])) return Value(i);
    }
    throw_runtime(args.positional[0].repr() + " is not in list");
  }
  if (name == "count") {
    expect_args(args, name, 1, 1);
    int64_t count = 0;
    for (const Value& v : items) count += v.equals(args.positional[0]) ? 1 : 0;
    return Value(count);
  }
  if (name == "reverse") {
    expect_args(args, name, 0, 0);
    std::reverse(items.begin(), items.end());
    return Value();
  }
  if (name == "sort") {
    expect_args(args, name, 0, 0);
    const Value* rev = args.kwarg("reverse");
    bool reverse = rev && rev->truthy();
    std::stable_sort(items.begin(), items.end(), [&](const Value& a, const Value& b) {
      return reverse ? less_than(b, a) : less_than(a, b);
    });
    return Value();
  }
  if (name == "copy") {
    expect_args(args, name, 0, 0);
    return list.is_tuple ? Value::tuple(items) : Value::list(items);
  }
  if (name == "clear") {
    expect_args(args, name, 0, 0);
    items.clear();
    return Value();
  }
  throw_runtime("'list' object has no attribute '" + std::string(name) + "'");
}

}  // namespace strata::jinja
