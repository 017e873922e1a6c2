#pragma once
// The value model of the Jinja engine: what expressions evaluate to and what hosts pass in.
//
// Scalars (none, bool, int64, double) live inline; strings are immutable and shared; lists
// and dicts are shared *mutable* references with Python semantics (`{% do x.append(1) %}`
// changes the list every holder sees). Undefined carries the message it raises when used.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/result.h"

namespace strata::jinja {

class Value;
class CallContext;
class Environment;

enum class Kind : uint8_t { Undefined, None, Bool, Int, Float, String, List, Dict, Callable, Object };

// Base of everything a Value holds by reference.
struct HeapObject {
  virtual ~HeapObject() = default;
};

struct CallArgs;
struct List;
class Dict;
class Callable;
class HostObject;
// A host function: receives the call context (call-site span, render state) and arguments.
using NativeFunction = std::function<Result<Value>(CallContext&, CallArgs&)>;

class Value {
 public:
  Value() : kind_(Kind::None) {}  // none
  Value(std::nullptr_t) : kind_(Kind::None) {}
  Value(bool b) : kind_(Kind::Bool) { scalar_.b = b; }
  Value(int i) : kind_(Kind::Int) { scalar_.i = i; }
  Value(int64_t i) : kind_(Kind::Int) { scalar_.i = i; }
  Value(uint64_t i) : kind_(Kind::Int) { scalar_.i = static_cast<int64_t>(i); }
  Value(double d) : kind_(Kind::Float) { scalar_.d = d; }
  Value(std::string s);
  Value(std::string_view s) : Value(std::string(s)) {}
  Value(const char* s) : Value(std::string(s)) {}

  // How an undefined behaves beyond the render's policy.
  enum class UndefinedFlavor : uint8_t {
    Normal,         // follows the render's UndefinedPolicy
    AlwaysLenient,  // Jinja's `x if c` without else: lenient even in strict renders
    Security,       // sandbox refusal: using it is a runtime (security) error
  };
  // Undefined; `message` is what using it raises, e.g. "'x' is undefined".
  static Value undefined(std::string message, UndefinedFlavor flavor = UndefinedFlavor::Normal);
  // A string marked safe (Markup): escape leaves it alone.
  static Value safe_string(std::string s);
  static Value list(std::vector<Value> items = {});
  static Value tuple(std::vector<Value> items);
  static Value dict();
  static Value dict(std::shared_ptr<Dict> dict);
  static Value function(std::string name, NativeFunction fn);
  static Value callable(std::shared_ptr<const Callable> callable);
  static Value object(std::shared_ptr<const HostObject> object);

  Kind kind() const { return kind_; }
  bool is_undefined() const { return kind_ == Kind::Undefined; }
  bool is_none() const { return kind_ == Kind::None; }
  bool is_bool() const { return kind_ == Kind::Bool; }
  bool is_int() const { return kind_ == Kind::Int; }
  bool is_float() const { return kind_ == Kind::Float; }
  bool is_number() const { return kind_ == Kind::Int || kind_ == Kind::Float || kind_ == Kind::Bool; }
  bool is_string() const { return kind_ == Kind::String; }
  bool is_list() const { return kind_ == Kind::List; }  // lists and tuples
  bool is_tuple() const;
  bool is_dict() const { return kind_ == Kind::Dict; }
  bool is_callable() const;
  bool is_object() const { return kind_ == Kind::Object; }
  bool is_safe() const { return kind_ == Kind::String && (flags_ & kSafe); }
  UndefinedFlavor undefined_flavor() const {
    return (flags_ & kLenient) ? UndefinedFlavor::AlwaysLenient : (flags_ & kSecurity) ? UndefinedFlavor::Security : UndefinedFlavor::Normal;
  }

  bool as_bool() const { return scalar_.b; }
  int64_t as_int() const { return kind_ == Kind::Bool ? (scalar_.b ? 1 : 0) : scalar_.i; }
  double as_float() const;  // int, bool or float
  const std::string& as_string() const;  // strings (and the message of an undefined)
  List& as_list() const;
  Dict& as_dict() const;
  const Callable& as_callable() const;
  const HostObject& as_object() const;
  std::shared_ptr<List> list_ptr() const;
  std::shared_ptr<Dict> dict_ptr() const;
  std::shared_ptr<const HostObject> object_ptr() const;
  std::shared_ptr<const Callable> callable_ptr() const;
  // The message an undefined raises when used.
  const std::string& undefined_message() const { return as_string(); }

  // Python truthiness (undefined is false).
  bool truthy() const;
  // Python str() / repr() of the value, as Jinja prints it.
  std::string str() const;
  std::string repr() const;
  // Python ==
  bool equals(const Value& other) const;
  // The Python type name used in messages: "str", "int", "list", "dict object"-style helpers
  // live in the renderer.
  std::string type_name() const;

 private:
  static constexpr uint8_t kSafe = 1, kLenient = 2, kSecurity = 4;
  Kind kind_;
  uint8_t flags_ = 0;
  union Scalar {
    bool b;
    int64_t i;
    double d;
  } scalar_{.i = 0};
  std::shared_ptr<const HeapObject> heap_;
};

// Arguments of a call: positional then keyword, in call order.
struct CallArgs {
  std::vector<Value> positional;
  std::vector<std::pair<std::string, Value>> keyword;

  // The keyword argument `name`, or null.
  const Value* kwarg(std::string_view name) const;
  // Python-style binding of one parameter: positional[index] if present, else keyword `name`,
  // else null.
  const Value* arg(size_t index, std::string_view name) const;
};

// Something callable from templates: host functions and macros.
class Callable : public HeapObject {
 public:
  virtual std::string_view name() const = 0;
  virtual Result<Value> call(CallContext& context, CallArgs& args) const = 0;
  // True for macros defined in templates (repr and `is callable` treat both alike).
  virtual bool is_macro() const { return false; }
};

// A host object (relation, column, adapter, ...). Every hook has a "not supported" default.
class HostObject : public HeapObject {
 public:
  // Shown in messages, like Python's type name: "Relation".
  virtual std::string type_name() const = 0;
  // obj.name / obj['name'] fallback: nullopt when there is no such attribute.
  virtual std::optional<Value> get_attr(std::string_view name) const;
  // obj.name(args...): nullopt means "no such method", then get_attr(name) is called instead.
  virtual std::optional<Result<Value>> call_method(CallContext& context, std::string_view name, CallArgs& args) const;
  // obj(args...)
  virtual bool is_callable() const { return false; }
  virtual Result<Value> call(CallContext& context, CallArgs& args) const;
  // obj[key]: nullopt when unsupported/missing (then get_attr is tried for string keys).
  virtual std::optional<Value> get_item(const Value& key) const;
  // for x in obj / obj|length: nullopt when not iterable / not sized.
  virtual std::optional<std::vector<Value>> iterate() const;
  virtual std::optional<int64_t> length() const;
  virtual bool truthy() const { return true; }
  virtual std::string str() const;   // {{ obj }}
  virtual std::string repr() const;  // inside a list repr; defaults to str()
  virtual bool equals(const HostObject& other) const { return this == &other; }
  // True for namespace-like objects whose members are user names (a package's macros,
  // where dbt packages use `_private` helpers): the sandbox then lets `obj._name` through,
  // as Python's sandbox falls back to obj['_name'] for a mapping. Dunders stay blocked.
  virtual bool underscore_names_are_members() const { return false; }
};

struct List : HeapObject {
  std::vector<Value> items;
  bool is_tuple = false;  // a tuple prints as (a, b) and is immutable for methods
};

// Insertion-ordered dict with Python key semantics (1 == 1.0 == True).
class Dict : public HeapObject {
 public:
  Dict() = default;
  // A dict whose entries `fill` adds on first use (any read or write), for host values
  // that are costly to build and rarely looked at (a node's `model` dict). `fill` must
  // give the same entries whenever it runs: it captures what it needs by value.
  explicit Dict(std::function<void(Dict&)> fill) : fill_(std::move(fill)) {}

  const Value* find(const Value& key) const;
  const Value* find(std::string_view key) const;
  Value* find_mut(const Value& key);
  void set(const Value& key, Value value);
  void set(std::string_view key, Value value);
  bool erase(const Value& key);
  void clear();
  size_t size() const {
    force();
    return entries_.size();
  }
  bool empty() const {
    force();
    return entries_.empty();
  }
  const std::vector<std::pair<Value, Value>>& entries() const {
    force();
    return entries_;
  }

 private:
  void force() const {
    if (fill_) run_fill();
  }
  void run_fill() const;
  void reindex();
  mutable std::function<void(Dict&)> fill_;
  std::vector<std::pair<Value, Value>> entries_;
  // hash -> position; built only once the dict is big enough for scans to hurt.
  std::unordered_multimap<size_t, size_t> index_;
};


// Hash consistent with Value::equals for hashable values (strings, numbers, none, tuples).
size_t hash_value(const Value& v);

// Python repr of a float (shortest round-trip, "1.0", "1e+20", "inf", "nan").
std::string float_repr(double d);
// Python repr of a string ('abc' with Python's quote choice and escapes).
std::string string_repr(std::string_view s);

// Converts JSON-like host data conveniently.
Value make_dict(std::initializer_list<std::pair<std::string, Value>> items);

}  // namespace strata::jinja
