#include "jinja/value.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace strata::jinja {

namespace {

struct StringData : HeapObject {
  explicit StringData(std::string s) : text(std::move(s)) {}
  std::string text;
};

class FunctionCallable : public Callable {
 public:
  FunctionCallable(std::string name, NativeFunction fn) : name_(std::move(name)), fn_(std::move(fn)) {}
  std::string_view name() const override { return name_; }
  Result<Value> call(CallContext& context, CallArgs& args) const override { return fn_(context, args); }

 private:
  std::string name_;
  NativeFunction fn_;
};

const std::string& empty_string() {
  static const std::string empty;
  return empty;
}

size_t hash_combine(size_t seed, size_t h) { return seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2)); }

constexpr size_t kIndexThreshold = 12;

}  // namespace

// ---- CallArgs ----

const Value* CallArgs::kwarg(std::string_view name) const {
  for (const auto& [key, value] : keyword) {
    if (key == name) return &value;
  }
  return nullptr;
}

const Value* CallArgs::arg(size_t index, std::string_view name) const {
  if (index < positional.size()) return &positional[index];
  return kwarg(name);
}

// ---- HostObject defaults ----

std::optional<Value> HostObject::get_attr(std::string_view) const { return std::nullopt; }
std::optional<Result<Value>> HostObject::call_method(CallContext&, std::string_view, CallArgs&) const {
  return std::nullopt;
}
Result<Value> HostObject::call(CallContext&, CallArgs&) const {
  return Error(ErrorCode::TemplateRuntime, "'" + type_name() + "' object is not callable");
}
std::optional<Value> HostObject::get_item(const Value&) const { return std::nullopt; }
std::optional<std::vector<Value>> HostObject::iterate() const { return std::nullopt; }
std::optional<int64_t> HostObject::length() const { return std::nullopt; }
std::string HostObject::str() const { return "<" + type_name() + ">"; }
std::string HostObject::repr() const { return str(); }

// ---- Dict ----

void Dict::run_fill() const {
  // Taken out first, so the entries `fill` sets do not recurse into it.
  auto fill = std::move(fill_);
  fill_ = nullptr;
  fill(const_cast<Dict&>(*this));
}

const Value* Dict::find(const Value& key) const {
  force();
  if (!index_.empty()) {
    auto [lo, hi] = index_.equal_range(hash_value(key));
    for (auto it = lo; it != hi; ++it) {
      if (entries_[it->second].first.equals(key)) return &entries_[it->second].second;
    }
    return nullptr;
  }
  for (const auto& entry : entries_) {
    if (entry.first.equals(key)) return &entry.second;
  }
  return nullptr;
}

const Value* Dict::find(std::string_view key) const {
  force();
  if (!index_.empty()) {
    auto [lo, hi] = index_.equal_range(std::hash<std::string_view>{}(key));
    for (auto it = lo; it != hi; ++it) {
      const Value& k = entries_[it->second].first;
      if (k.is_string() && k.as_string() == key) return &entries_[it->second].second;
    }
    return nullptr;
  }
  for (const auto& entry : entries_) {
    if (entry.first.is_string() && entry.first.as_string() == key) return &entry.second;
  }
  return nullptr;
}

Value* Dict::find_mut(const Value& key) { return const_cast<Value*>(find(key)); }

void Dict::set(const Value& key, Value value) {
  if (Value* existing = find_mut(key)) {
    *existing = std::move(value);
    return;
  }
  entries_.emplace_back(key, std::move(value));
  if (!index_.empty()) {
    index_.emplace(hash_value(key), entries_.size() - 1);
  } else if (entries_.size() >= kIndexThreshold) {
    reindex();
  }
}

void Dict::set(std::string_view key, Value value) {
  if (const Value* existing = find(key)) {
    *const_cast<Value*>(existing) = std::move(value);
    return;
  }
  set(Value(key), std::move(value));
}

bool Dict::erase(const Value& key) {
  force();
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].first.equals(key)) {
      entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(i));
      index_.clear();
      if (entries_.size() >= kIndexThreshold) reindex();
      return true;
    }
  }
  return false;
}

void Dict::clear() {
  fill_ = nullptr;
  entries_.clear();
  index_.clear();
}

void Dict::reindex() {
  index_.clear();
  for (size_t i = 0; i < entries_.size(); ++i) index_.emplace(hash_value(entries_[i].first), i);
}

// ---- Value ----

Value::Value(std::string s) : kind_(Kind::String), heap_(std::make_shared<StringData>(std::move(s))) {}

Value Value::undefined(std::string message, UndefinedFlavor flavor) {
  Value v;
  v.kind_ = Kind::Undefined;
  if (flavor == UndefinedFlavor::AlwaysLenient) v.flags_ = kLenient;
  if (flavor == UndefinedFlavor::Security) v.flags_ = kSecurity;
  v.heap_ = std::make_shared<StringData>(std::move(message));
  return v;
}

Value Value::safe_string(std::string s) {
  Value v(std::move(s));
  v.flags_ = kSafe;
  return v;
}

Value Value::list(std::vector<Value> items) {
  auto list = std::make_shared<List>();
  list->items = std::move(items);
  Value v;
  v.kind_ = Kind::List;
  v.heap_ = std::move(list);
  return v;
}

Value Value::tuple(std::vector<Value> items) {
  auto list = std::make_shared<List>();
  list->items = std::move(items);
  list->is_tuple = true;
  Value v;
  v.kind_ = Kind::List;
  v.heap_ = std::move(list);
  return v;
}

Value Value::dict() { return dict(std::make_shared<Dict>()); }

Value Value::dict(std::shared_ptr<Dict> dict) {
  Value v;
  v.kind_ = Kind::Dict;
  v.heap_ = std::move(dict);
  return v;
}

Value Value::function(std::string name, NativeFunction fn) {
  return callable(std::make_shared<FunctionCallable>(std::move(name), std::move(fn)));
}

Value Value::callable(std::shared_ptr<const Callable> callable) {
  Value v;
  v.kind_ = Kind::Callable;
  v.heap_ = std::move(callable);
  return v;
}

Value Value::object(std::shared_ptr<const HostObject> object) {
  Value v;
  v.kind_ = Kind::Object;
  v.heap_ = std::move(object);
  return v;
}

bool Value::is_tuple() const { return kind_ == Kind::List && as_list().is_tuple; }

bool Value::is_callable() const {
  return kind_ == Kind::Callable || (kind_ == Kind::Object && as_object().is_callable());
}

double Value::as_float() const {
  switch (kind_) {
    case Kind::Float: return scalar_.d;
    case Kind::Int: return static_cast<double>(scalar_.i);
    case Kind::Bool: return scalar_.b ? 1.0 : 0.0;
    default: return 0.0;
  }
}

const std::string& Value::as_string() const {
  if ((kind_ == Kind::String || kind_ == Kind::Undefined) && heap_) {
    return static_cast<const StringData&>(*heap_).text;
  }
  return empty_string();
}

List& Value::as_list() const { return const_cast<List&>(static_cast<const List&>(*heap_)); }
Dict& Value::as_dict() const { return const_cast<Dict&>(static_cast<const Dict&>(*heap_)); }
const Callable& Value::as_callable() const { return static_cast<const Callable&>(*heap_); }
const HostObject& Value::as_object() const { return static_cast<const HostObject&>(*heap_); }
std::shared_ptr<List> Value::list_ptr() const {
  return std::const_pointer_cast<List>(std::static_pointer_cast<const List>(heap_));
}
std::shared_ptr<Dict> Value::dict_ptr() const {
  return std::const_pointer_cast<Dict>(std::static_pointer_cast<const Dict>(heap_));
}
std::shared_ptr<const HostObject> Value::object_ptr() const { return std::static_pointer_cast<const HostObject>(heap_); }
std::shared_ptr<const Callable> Value::callable_ptr() const { return std::static_pointer_cast<const Callable>(heap_); }

bool Value::truthy() const {
  switch (kind_) {
    case Kind::Undefined:
    case Kind::None: return false;
    case Kind::Bool: return scalar_.b;
    case Kind::Int: return scalar_.i != 0;
    case Kind::Float: return scalar_.d != 0.0;
    case Kind::String: return !as_string().empty();
    case Kind::List: return !as_list().items.empty();
    case Kind::Dict: return !as_dict().empty();
    case Kind::Callable: return true;
    case Kind::Object: return as_object().truthy();
  }
  return false;
}

std::string float_repr(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  if (d == 0.0) return std::signbit(d) ? "-0.0" : "0.0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  // sci: [-]D[.DDD]e[+-]XX
  bool negative = sci[0] == '-';
  if (negative) sci.erase(0, 1);
  size_t e = sci.find('e');
  std::string mantissa = sci.substr(0, e);
  int exponent = std::stoi(sci.substr(e + 1));
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits += c;
  }
  std::string out;
  if (exponent < -4 || exponent >= 16) {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char exp[16];
    std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    out += exp;
  } else if (exponent < 0) {
    out = "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
  } else {
    size_t int_len = static_cast<size_t>(exponent) + 1;
    if (digits.size() <= int_len) {
      out = digits + std::string(int_len - digits.size(), '0') + ".0";
    } else {
      out = digits.substr(0, int_len) + "." + digits.substr(int_len);
    }
  }
  return negative ? "-" + out : out;
}

std::string string_repr(std::string_view s) {
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = s.find('"') != std::string_view::npos;
  char quote = (has_single && !has_double) ? '"' : '\'';
  std::string out(1, quote);
  for (unsigned char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c == static_cast<unsigned char>(quote)) {
          out += '\\';
          out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += quote;
  return out;
}

namespace {

// Containers being printed: a list that contains itself prints as [...] like Python.
struct ReprState {
  std::vector<const void*> active;
  bool contains(const void* p) const {
    for (const void* a : active) {
      if (a == p) return true;
    }
    return false;
  }
};

void append_repr(std::string& out, const Value& v, ReprState& state);

void append_sequence(std::string& out, const List& list, ReprState& state) {
  if (state.contains(&list)) {
    out += list.is_tuple ? "(...)" : "[...]";
    return;
  }
  if (state.active.size() > 200) {
    out += "...";
    return;
  }
  state.active.push_back(&list);
  out += list.is_tuple ? '(' : '[';
  for (size_t i = 0; i < list.items.size(); ++i) {
    if (i) out += ", ";
    append_repr(out, list.items[i], state);
  }
  state.active.pop_back();
  if (list.is_tuple && list.items.size() == 1) out += ',';
  out += list.is_tuple ? ')' : ']';
}

void append_repr(std::string& out, const Value& v, ReprState& state) {
  switch (v.kind()) {
    case Kind::String: out += string_repr(v.as_string()); return;
    case Kind::Undefined: out += "Undefined"; return;
    case Kind::Object: out += v.as_object().repr(); return;
    case Kind::List: append_sequence(out, v.as_list(), state); return;
    case Kind::Dict: {
      const Dict* d = &v.as_dict();
      if (state.contains(d)) {
        out += "{...}";
        return;
      }
      if (state.active.size() > 200) {
        out += "...";
        return;
      }
      state.active.push_back(d);
      out += '{';
      bool first = true;
      for (const auto& [key, value] : d->entries()) {
        if (!first) out += ", ";
        first = false;
        append_repr(out, key, state);
        out += ": ";
        append_repr(out, value, state);
      }
      out += '}';
      state.active.pop_back();
      return;
    }
    default: out += v.str(); return;
  }
}

}  // namespace

std::string Value::str() const {
  switch (kind_) {
    case Kind::Undefined: return "";
    case Kind::None: return "None";
    case Kind::Bool: return scalar_.b ? "True" : "False";
    case Kind::Int: return std::to_string(scalar_.i);
    case Kind::Float: return float_repr(scalar_.d);
    case Kind::String: return as_string();
    case Kind::Callable: {
      const Callable& c = as_callable();
      if (c.is_macro()) return "<Macro '" + std::string(c.name()) + "'>";
      return "<function " + std::string(c.name()) + ">";
    }
    case Kind::Object: return as_object().str();
    case Kind::List:
    case Kind::Dict: {
      std::string out;
      ReprState state;
      append_repr(out, *this, state);
      return out;
    }
  }
  return {};
}

std::string Value::repr() const {
  std::string out;
  ReprState state;
  append_repr(out, *this, state);
  return out;
}

namespace {
thread_local int equals_depth = 0;
}

bool Value::equals(const Value& other) const {
  if (heap_ && heap_ == other.heap_ && kind_ == other.kind_) return true;  // identity (Python's `is` shortcut)
  if ((kind_ == Kind::List || kind_ == Kind::Dict) && equals_depth > 200) return false;
  struct Depth {
    Depth() { ++equals_depth; }
    ~Depth() { --equals_depth; }
  } depth_guard;
  if (is_number() && other.is_number()) {
    if (kind_ == Kind::Float || other.kind_ == Kind::Float) return as_float() == other.as_float();
    return as_int() == other.as_int();
  }
  if (kind_ != other.kind_) return false;
  switch (kind_) {
    case Kind::Undefined:
    case Kind::None: return true;
    case Kind::String: return as_string() == other.as_string();
    case Kind::List: {
      const List& a = as_list();
      const List& b = other.as_list();
      if (a.is_tuple != b.is_tuple || a.items.size() != b.items.size()) return false;
      for (size_t i = 0; i < a.items.size(); ++i) {
        if (!a.items[i].equals(b.items[i])) return false;
      }
      return true;
    }
    case Kind::Dict: {
      const Dict& a = as_dict();
      const Dict& b = other.as_dict();
      if (a.size() != b.size()) return false;
      for (const auto& [key, value] : a.entries()) {
        const Value* found = b.find(key);
        if (!found || !found->equals(value)) return false;
      }
      return true;
    }
    case Kind::Callable: return heap_ == other.heap_;
    case Kind::Object: return heap_ == other.heap_ || as_object().equals(other.as_object());
    default: return false;
  }
}

std::string Value::type_name() const {
  switch (kind_) {
    case Kind::Undefined: return "Undefined";
    case Kind::None: return "NoneType";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Float: return "float";
    case Kind::String: return "str";
    case Kind::List: return as_list().is_tuple ? "tuple" : "list";
    case Kind::Dict: return "dict";
    case Kind::Callable: return as_callable().is_macro() ? "Macro" : "function";
    case Kind::Object: return as_object().type_name();
  }
  return "object";
}

size_t hash_value(const Value& v) {
  switch (v.kind()) {
    case Kind::String: return std::hash<std::string_view>{}(v.as_string());
    case Kind::Bool:
    case Kind::Int: return std::hash<int64_t>{}(v.as_int());
    case Kind::Float: {
      double d = v.as_float();
      if (std::isfinite(d) && d == std::floor(d) && std::abs(d) < 9.2e18) {
        return std::hash<int64_t>{}(static_cast<int64_t>(d));
      }
      return std::hash<double>{}(d);
    }
    case Kind::List: {
      // Only the first level of items: enough for tuples, and safe for self-containing lists.
      size_t seed = 0x345678 + v.as_list().items.size();
      for (const Value& item : v.as_list().items) seed = hash_combine(seed, item.is_list() ? item.as_list().items.size() : hash_value(item));
      return seed;
    }
    case Kind::None: return 0x1234;
    case Kind::Callable: return reinterpret_cast<size_t>(&v.as_callable()) >> 4;
    case Kind::Object: return reinterpret_cast<size_t>(&v.as_object()) >> 4;
    default: return 0x5678;
  }
}

Value make_dict(std::initializer_list<std::pair<std::string, Value>> items) {
  Value d = Value::dict();
  for (const auto& [key, value] : items) d.as_dict().set(std::string_view(key), value);
  return d;
}

}  // namespace strata::jinja
