// Built-in filters on sequences and mappings.
#include <algorithm>
#include <random>

#include "jinja/builtins.h"
#include "jinja/environment.h"
#include "jinja/methods.h"
#include "jinja/operators.h"
#include "jinja/renderer.h"
#include "jinja/text.h"

namespace strata::jinja {

namespace {

using Fn = Value (*)(Renderer&, const Value&, CallArgs&);

void add(Environment& env, const char* name, Fn fn) {
  env.add_filter(name, [fn](CallContext& ctx, const Value& input, CallArgs& args) -> Result<Value> {
    return fn(renderer_of(ctx), input, args);
  });
}

// The _GroupTuple of groupby: a (grouper, list) pair with named fields.
class GroupTuple : public HostObject {
 public:
  GroupTuple(Value grouper, Value list) : grouper_(std::move(grouper)), list_(std::move(list)) {}
  std::string type_name() const override { return "_GroupTuple"; }
  std::optional<Value> get_attr(std::string_view name) const override {
    if (name == "grouper") return grouper_;
    if (name == "list") return list_;
    return std::nullopt;
  }
  std::optional<Value> get_item(const Value& key) const override {
    if (key.is_int()) {
      int64_t i = key.as_int();
      if (i == 0 || i == -2) return grouper_;
      if (i == 1 || i == -1) return list_;
    }
    return std::nullopt;
  }
  std::optional<std::vector<Value>> iterate() const override { return std::vector<Value>{grouper_, list_}; }
  std::optional<int64_t> length() const override { return 2; }
  std::string str() const override { return "(" + grouper_.repr() + ", " + list_.repr() + ")"; }

 private:
  Value grouper_, list_;
};

Value lower_if_string(const Value& v) { return v.is_string() ? Value(text::lower(v.as_string())) : v; }

// Jinja's make_attrgetter: dotted path, integer parts index, default for undefined results.
Value attr_path(Renderer& r, const Value& item, const std::string& path, const Value* dflt) {
  Value v = item;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    bool numeric = !part.empty() && part.find_first_not_of("0123456789") == std::string::npos && part.size() < 18;
    v = r.get_item(v, numeric ? Value(static_cast<int64_t>(std::stoll(part))) : Value(part));
    if (v.is_undefined() && dflt) return *dflt;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return v;
}

Value attr_value(Renderer& r, const Value& attr) {
  (void)r;
  return attr;
}

std::string attr_string(const Value& attr) { return attr.is_int() ? std::to_string(attr.as_int()) : attr.as_string(); }

std::vector<Value> sorted_by(std::vector<Value> items, const std::vector<Value>& keys, bool reverse) {
  std::vector<size_t> order(items.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return reverse ? less_than(keys[b], keys[a]) : less_than(keys[a], keys[b]);
  });
  std::vector<Value> out;
  out.reserve(items.size());
  for (size_t i : order) out.push_back(items[i]);
  return out;
}

Value f_attribute(Renderer& r, const Value& v, CallArgs& args) {
  Params p(args, "attribute", {"name", "default"});
  if (!p.get(0)) throw_runtime("attribute() missing 'name'");
  Value result = r.get_attr(v, r.to_string(*p.get(0)));
  if (result.is_undefined() && p.get(1)) return *p.get(1);
  return result;
}

Value f_batch(Renderer& r, const Value& v, CallArgs& args) {
  Params p(args, "batch", {"linecount", "fill_with"});
  if (!p.get(0)) throw_runtime("batch() missing 'linecount'");
  int64_t n = arg_int(*p.get(0), "linecount");
  const Value* fill = p.get(1) && !p.get(1)->is_none() ? p.get(1) : nullptr;
  std::vector<Value> out;
  std::vector<Value> tmp;
  for (const Value& item : r.iterate(v)) {
    if (static_cast<int64_t>(tmp.size()) == n) {
      out.push_back(Value::list(std::move(tmp)));
      tmp.clear();
    }
    tmp.push_back(item);
  }
  if (n > 100000) n = 100000;
  if (!tmp.empty()) {
    if (fill) {
      while (static_cast<int64_t>(tmp.size()) < n) tmp.push_back(*fill);
    }
    out.push_back(Value::list(std::move(tmp)));
  }
  return Value::list(std::move(out));
}

Value f_dictsort(Renderer& r, const Value& v, CallArgs& args) {
  Params p(args, "dictsort", {"case_sensitive", "by", "reverse"});
  bool cs = p.truthy(0);
  std::string by = p.get(1) ? r.to_string(*p.get(1)) : "key";
  bool reverse = p.truthy(2);
  if (by != "key" && by != "value") throw_runtime("You can only sort by either \"key\" or \"value\"");
  if (!v.is_dict()) {
    if (v.is_undefined()) r.check_defined(v, true);
    throw_runtime("dictsort expects a mapping");
  }
  std::vector<Value> items, keys;
  for (const auto& [k, val] : v.as_dict().entries()) {
    items.push_back(Value::tuple({k, val}));
    const Value& key = by == "key" ? k : val;
    keys.push_back(cs ? key : lower_if_string(key));
  }
  return Value::list(sorted_by(std::move(items), keys, reverse));
}

Value f_first(Renderer& r, const Value& v, CallArgs&) {
  auto items = r.iterate(v);
  if (items.empty()) return Value::undefined("No first item, sequence was empty.");
  return items.front();
}

Value f_last(Renderer& r, const Value& v, CallArgs&) {
  auto items = r.iterate(v);
  if (items.empty()) return Value::undefined("No last item, sequence was empty.");
  return items.back();
}

Value f_groupby(Renderer& r, const Value& v, CallArgs& args) {
  Params p(args, "groupby", {"attribute", "default", "case_sensitive"});
  if (!p.get(0)) throw_runtime("groupby() missing 'attribute'");
  std::string attr = attr_string(*p.get(0));
  const Value* dflt = p.get(1) && !p.get(1)->is_none() ? p.get(1) : nullptr;
  bool cs = p.truthy(2);
  std::vector<Value> items = r.iterate(v);
  std::vector<Value> keys;
  for (const Value& item : items) {
    Value k = attr_path(r, item, attr, dflt);
    keys.push_back(cs ? k : lower_if_string(k));
  }
  std::vector<size_t> order(items.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return less_than(keys[a], keys[b]); });
  std::vector<Value> out;
  size_t i = 0;
  while (i < order.size()) {
    size_t j = i;
    std::vector<Value> group;
    while (j < order.size() && keys[order[j]].equals(keys[order[i]])) group.push_back(items[order[j++]]);
    Value grouper = cs ? keys[order[i]] : attr_path(r, group.front(), attr, dflt);
    out.push_back(Value::object(std::make_shared<GroupTuple>(grouper, Value::list(std::move(group)))));
    i = j;
  }
  return Value::list(std::move(out));
}

Value f_items(Renderer& r, const Value& v, CallArgs&) {
  if (v.is_undefined()) {
    r.check_defined(v);
    return Value::list();
  }
  if (!v.is_dict()) throw_runtime("Can only get item pairs from a mapping.");
  std::vector<Value> out;
  for (const auto& [k, val] : v.as_dict().entries()) out.push_back(Value::tuple({k, val}));
  return Value::list(std::move(out));
}

Value f_join(Renderer& r, const Value& v, CallArgs& args) {
  Params p(args, "join", {"d", "attribute"});
  std::string sep = p.get(0) ? r.to_string(*p.get(0)) : "";
  std::string out;
  bool first = true;
  for (const Value& item : r.iterate(v)) {
    if (!first) out += sep;
    first = false;
    out += r.to_string(p.get(1) && !p.get(1)->is_none() ? attr_path(r, item, attr_string(*p.get(1)), nullptr) : item);
  }
  r.charge(out.size());
  return Value(out);
}

Value f_length(Renderer& r, const Value& v, CallArgs&) {
  switch (v.kind()) {
    case Kind::String: return Value(static_cast<int64_t>(text::codepoints(v.as_string())));
    case Kind::List: return Value(static_cast<int64_t>(v.as_list().items.size()));
    case Kind::Dict: return Value(static_cast<int64_t>(v.as_dict().size()));
    case Kind::Undefined: r.check_defined(v); return Value(int64_t{0});
    case Kind::Object: {
      if (auto n = v.as_object().length()) return Value(*n);
      if (auto items = v.as_object().iterate()) return Value(static_cast<int64_t>(items->size()));
      break;
    }
    default: break;
  }
  throw_runtime("object of type '" + v.type_name() + "' has no len()");
}

Value f_list(Renderer& r, const Value& v, CallArgs&) { return Value::list(r.iterate(v)); }

Value apply_named_filter(Renderer& r, const std::string& name, const Value& item, const std::vector<Value>& extra,
                         const std::vector<std::pair<std::string, Value>>& kwargs) {
  CallArgs inner;
  inner.positional = extra;
  inner.keyword = kwargs;
  return r.apply_filter(name, item, inner, nullptr, ast::Span{});
}

Value f_map(Renderer& r, const Value& v, CallArgs& args) {
  std::vector<Value> out;
  std::vector<Value> items = r.iterate(v);
  if (args.positional.empty()) {
    const Value* attr = args.kwarg("attribute");
    if (!attr) throw_runtime("map requires a filter argument");
    const Value* dflt = args.kwarg("default");
    for (const Value& item : items) out.push_back(attr_path(r, item, attr_string(*attr), dflt));
    return Value::list(std::move(out));
  }
  std::string name = r.to_string(args.positional[0]);
  std::vector<Value> extra(args.positional.begin() + 1, args.positional.end());
  for (const Value& item : items) out.push_back(apply_named_filter(r, name, item, extra, args.keyword));
  return Value::list(std::move(out));
}

Value aggregate(Renderer& r, const Value& v, CallArgs& args, bool want_max) {
  Params p(args, want_max ? "max" : "min", {"case_sensitive", "attribute"});
  bool cs = p.truthy(0);
  std::vector<Value> items = r.iterate(v);
  if (items.empty()) return Value::undefined("No aggregated item, sequence was empty.");
  size_t best = 0;
  Value best_key;
  for (size_t i = 0; i < items.size(); ++i) {
    Value key = p.get(1) && !p.get(1)->is_none() ? attr_path(r, items[i], attr_string(*p.get(1)), nullptr) : items[i];
    if (!cs) key = lower_if_string(key);
    if (i == 0 || (want_max ? less_than(best_key, key) : less_than(key, best_key))) {
      best = i;
      best_key = key;
    }
  }
  return items[best];
}

Value f_max(Renderer& r, const Value& v, CallArgs& args) { return aggregate(r, v, args, true); }
Value f_min(Renderer& r, const Value& v, CallArgs& args) { return aggregate(r, v, args, false); }

std::string pretty(const Value& v, int depth = 0) {
  if (depth > 200) return "...";
  // pprint sorts dict keys; otherwise it matches repr for values that fit on a line.
  if (v.is_dict()) {
    std::vector<std::pair<Value, Value>> entries = v.as_dict().entries();
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      try {
        return less_than(a.first, b.first);
      } catch (...) {
        return false;
      }
    });
    std::string out = "{";
    for (size_t i = 0; i < entries.size(); ++i) {
      if (i) out += ", ";
      out += pretty(entries[i].first, depth + 1) + ": " + pretty(entries[i].second, depth + 1);
    }
    return out + "}";
  }
  if (v.is_list()) {
    const List& l = v.as_list();
    std::string out = l.is_tuple ? "(" : "[";
    for (size_t i = 0; i < l.items.size(); ++i) {
      if (i) out += ", ";
      out += pretty(l.items[i], depth + 1);
    }
    if (l.is_tuple && l.items.size() == 1) out += ",";
    return out + (l.is_tuple ? ")" : "]");
  }
  return v.repr();
}

Value f_pprint(Renderer&, const Value& v, CallArgs&) { return Value(pretty(v)); }

Value f_random(Renderer& r, const Value& v, CallArgs&) {
  std::vector<Value> items = r.iterate(v);
  if (items.empty()) return Value::undefined("No random item, sequence was empty.");
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  return items[rng() % items.size()];
}

Value select_impl(Renderer& r, const Value& v, CallArgs& args, bool by_attr, bool keep) {
  std::vector<Value> items = r.iterate(v);
  std::vector<Value> rest = args.positional;
  std::string attr;
  if (by_attr) {
    if (rest.empty()) throw_runtime("Missing parameter for attribute name");
    attr = attr_string(rest[0]);
    rest.erase(rest.begin());
  }
  std::string test;
  if (!rest.empty()) {
    test = r.to_string(rest[0]);
    rest.erase(rest.begin());
  }
  std::vector<Value> out;
  for (const Value& item : items) {
    Value subject = by_attr ? attr_path(r, item, attr, nullptr) : item;
    bool ok;
    if (test.empty()) {
      ok = r.truthy(subject);
    } else {
      CallArgs targs;
      targs.positional = rest;
      targs.keyword = args.keyword;
      ok = r.apply_test(test, subject, targs, nullptr, ast::Span{});
    }
    if (ok == keep) out.push_back(item);
  }
  return Value::list(std::move(out));
}

Value f_select(Renderer& r, const Value& v, CallArgs& a) { return select_impl(r, v, a, false, true); }
Value f_reject(Renderer& r, const Value& v, CallArgs& a) { return select_impl(r, v, a, false, false); }
Value f_selectattr(Renderer& r, const Value& v, CallArgs& a) { return select_impl(r, v, a, true, true); }
Value f_rejectattr(Renderer& r, const Value& v, CallArgs& a) { return select_impl(r, v, a, true, false); }

Value f_reverse(Renderer& r, const Value& v, CallArgs&) {
  if (v.is_string()) {
    std::vector<Value> chars = r.iterate(v);
    std::string out;
    for (auto it = chars.rbegin(); it != chars.rend(); ++it) out += it->as_string();
    return Value(out);
  }
  std::vector<Value> items = r.iterate(v);
  std::reverse(items.begin(), items.end());
  return Value::list(std::move(items));
}

Value f_slice(Renderer& r, const Value& v, CallArgs& args) {
  Params p(args, "slice", {"slices", "fill_with"});
  if (!p.get(0)) throw_runtime("slice() missing 'slices'");
  int64_t slices = arg_int(*p.get(0), "slices");
  if (slices <= 0) throw_runtime("slices must be positive");
  if (slices > 100000) throw_runtime("too many slices");
  const Value* fill = p.get(1) && !p.get(1)->is_none() ? p.get(1) : nullptr;
  std::vector<Value> seq = r.iterate(v);
  int64_t length = static_cast<int64_t>(seq.size());
  int64_t per = length / slices, extra = length % slices, offset = 0;
  std::vector<Value> out;
  for (int64_t n = 0; n < slices; ++n) {
    int64_t start = offset + n * per;
    if (n < extra) ++offset;
    int64_t end = offset + (n + 1) * per;
    std::vector<Value> tmp(seq.begin() + start, seq.begin() + end);
    if (fill && n >= extra) tmp.push_back(*fill);
    out.push_back(Value::list(std::move(tmp)));
  }
  return Value::list(std::move(out));
}

Value f_sort(Renderer& r, const Value& v, CallArgs& args) {
  Params p(args, "sort", {"reverse", "case_sensitive", "attribute"});
  bool reverse = p.truthy(0), cs = p.truthy(1);
  std::vector<Value> items = r.iterate(v);
  std::vector<std::string> attrs;
  if (p.get(2) && !p.get(2)->is_none()) {
    for (const std::string& a : text::split(attr_string(*p.get(2)), nullptr, -1)) {
      for (const std::string& piece : text::split(a, nullptr, -1)) (void)piece;
    }
    std::string all = attr_string(*p.get(2));
    size_t start = 0;
    while (true) {
      size_t comma = all.find(',', start);
      attrs.push_back(text::strip(all.substr(start, comma == std::string::npos ? std::string::npos : comma - start), nullptr, true, true));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  std::vector<Value> keys;
  for (const Value& item : items) {
    if (attrs.empty()) {
      keys.push_back(cs ? item : lower_if_string(item));
    } else {
      std::vector<Value> parts;
      for (const std::string& a : attrs) {
        Value k = attr_path(r, item, a, nullptr);
        parts.push_back(cs ? k : lower_if_string(k));
      }
      keys.push_back(parts.size() == 1 ? parts[0] : Value::tuple(std::move(parts)));
    }
  }
  return Value::list(sorted_by(std::move(items), keys, reverse));
}

Value f_sum(Renderer& r, const Value& v, CallArgs& args) {
  Params p(args, "sum", {"attribute", "start"});
  Value total = p.value(1, Value(int64_t{0}));
  for (const Value& item : r.iterate(v)) {
    Value x = p.get(0) && !p.get(0)->is_none() ? attr_path(r, item, attr_string(*p.get(0)), nullptr) : item;
    total = binary_op(r, ast::BinaryOp::Add, total, x);
  }
  return total;
}

Value f_unique(Renderer& r, const Value& v, CallArgs& args) {
  Params p(args, "unique", {"case_sensitive", "attribute"});
  bool cs = p.truthy(0);
  std::vector<Value> out, seen;
  for (const Value& item : r.iterate(v)) {
    Value key = p.get(1) && !p.get(1)->is_none() ? attr_path(r, item, attr_string(*p.get(1)), nullptr) : item;
    if (!cs) key = lower_if_string(key);
    if ((key.is_list() && !key.is_tuple()) || key.is_dict()) throw_runtime("unhashable type: '" + key.type_name() + "'");
    bool dup = false;
    for (const Value& s : seen) {
      if (s.equals(key)) {
        dup = true;
        break;
      }
    }
    if (!dup) {
      seen.push_back(key);
      out.push_back(item);
    }
  }
  return Value::list(std::move(out));
}

}  // namespace

void register_sequence_filters(Environment& env) {
  add(env, "attribute", f_attribute);
  add(env, "batch", f_batch);
  add(env, "dictsort", f_dictsort);
  add(env, "first", f_first);
  add(env, "last", f_last);
  add(env, "groupby", f_groupby);
  add(env, "items", f_items);
  add(env, "join", f_join);
  add(env, "length", f_length);
  add(env, "count", f_length);
  add(env, "list", f_list);
  add(env, "map", f_map);
  add(env, "max", f_max);
  add(env, "min", f_min);
  add(env, "pprint", f_pprint);
  add(env, "random", f_random);
  add(env, "select", f_select);
  add(env, "reject", f_reject);
  add(env, "selectattr", f_selectattr);
  add(env, "rejectattr", f_rejectattr);
  add(env, "reverse", f_reverse);
  add(env, "slice", f_slice);
  add(env, "sort", f_sort);
  add(env, "sum", f_sum);
  add(env, "unique", f_unique);
  (void)attr_value;
}

}  // namespace strata::jinja
