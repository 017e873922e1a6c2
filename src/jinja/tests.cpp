// Built-in tests (`x is defined`, `n is divisibleby 3`, ...).
#include <cmath>

#include "jinja/builtins.h"
#include "jinja/environment.h"
#include "jinja/methods.h"
#include "jinja/operators.h"
#include "jinja/renderer.h"

namespace strata::jinja {

namespace {

using Fn = bool (*)(Renderer&, const Value&, CallArgs&);

void add(Environment& env, const char* name, Fn fn) {
  env.add_test(name, [fn](CallContext& ctx, const Value& input, CallArgs& args) -> Result<bool> {
    return fn(renderer_of(ctx), input, args);
  });
}

const Value& arg0(const CallArgs& args, const char* test) {
  if (args.positional.empty()) {
    if (!args.keyword.empty()) return args.keyword[0].second;
    throw_runtime(std::string(test) + "() missing 1 required positional argument");
  }
  return args.positional[0];
}

bool t_defined(Renderer&, const Value& v, CallArgs&) { return !v.is_undefined(); }
bool t_undefined(Renderer&, const Value& v, CallArgs&) { return v.is_undefined(); }
bool t_none(Renderer&, const Value& v, CallArgs&) { return v.is_none(); }
bool t_boolean(Renderer&, const Value& v, CallArgs&) { return v.is_bool(); }
bool t_false(Renderer&, const Value& v, CallArgs&) { return v.is_bool() && !v.as_bool(); }
bool t_true(Renderer&, const Value& v, CallArgs&) { return v.is_bool() && v.as_bool(); }
bool t_integer(Renderer&, const Value& v, CallArgs&) { return v.is_int(); }
bool t_float(Renderer&, const Value& v, CallArgs&) { return v.is_float(); }
bool t_number(Renderer&, const Value& v, CallArgs&) { return v.is_number(); }
bool t_string(Renderer&, const Value& v, CallArgs&) { return v.is_string(); }
bool t_mapping(Renderer&, const Value& v, CallArgs&) { return v.is_dict(); }
bool t_callable(Renderer&, const Value& v, CallArgs&) { return v.is_callable() || v.is_undefined(); }
bool t_escaped(Renderer&, const Value& v, CallArgs&) { return v.is_safe(); }

bool t_sequence(Renderer&, const Value& v, CallArgs&) {
  if (v.is_string() || v.is_list() || v.is_dict()) return true;
  if (v.is_object()) return v.as_object().length().has_value();
  return false;
}

bool t_iterable(Renderer&, const Value& v, CallArgs&) {
  if (v.is_string() || v.is_list() || v.is_dict() || v.is_undefined()) return true;
  if (v.is_object()) return v.as_object().iterate().has_value();
  return false;
}

bool t_odd(Renderer&, const Value& v, CallArgs&) {
  if (v.is_undefined()) fail_undefined(v);
  if (v.is_float()) return std::fmod(v.as_float(), 2.0) != 0 && std::fmod(v.as_float(), 2.0) == std::fmod(v.as_float(), 2.0) && std::fabs(std::fmod(v.as_float(), 2.0)) == 1.0;
  return (arg_int(v, "odd") % 2) != 0;
}

bool t_even(Renderer&, const Value& v, CallArgs&) {
  if (v.is_undefined()) fail_undefined(v);
  if (v.is_float()) return std::fmod(v.as_float(), 2.0) == 0;
  return (arg_int(v, "even") % 2) == 0;
}

bool t_divisibleby(Renderer& r, const Value& v, CallArgs& args) {
  const Value& n = arg0(args, "divisibleby");
  Value m = binary_op(r, ast::BinaryOp::Mod, v, n);
  return m.equals(Value(int64_t{0}));
}

bool t_lower(Renderer& r, const Value& v, CallArgs&) {
  std::string s = r.to_string(v);
  bool cased = false;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') return false;
    if (c >= 'a' && c <= 'z') cased = true;
  }
  return cased;
}

bool t_upper(Renderer& r, const Value& v, CallArgs&) {
  std::string s = r.to_string(v);
  bool cased = false;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') cased = true;
  }
  return cased;
}

bool t_sameas(Renderer&, const Value& v, CallArgs& args) {
  const Value& other = arg0(args, "sameas");
  if (v.kind() != other.kind()) return false;
  switch (v.kind()) {
    case Kind::None:
    case Kind::Undefined: return v.is_none() || v.undefined_message() == other.undefined_message();
    case Kind::Bool: return v.as_bool() == other.as_bool();
    case Kind::Int: return v.as_int() == other.as_int() && v.as_int() >= -5 && v.as_int() <= 256;
    case Kind::List: return &v.as_list() == &other.as_list();
    case Kind::Dict: return &v.as_dict() == &other.as_dict();
    case Kind::String: return v.as_string() == other.as_string() && v.as_string().size() <= 1;
    case Kind::Object: return &v.as_object() == &other.as_object();
    case Kind::Callable: return &v.as_callable() == &other.as_callable();
    default: return false;
  }
}

bool t_in(Renderer& r, const Value& v, CallArgs& args) { return contains(r, arg0(args, "in"), v); }

bool t_filter(Renderer& r, const Value& v, CallArgs&) { return v.is_string() && r.env().filter(v.as_string()) != nullptr; }
bool t_test(Renderer& r, const Value& v, CallArgs&) { return v.is_string() && r.env().test(v.as_string()) != nullptr; }

template <ast::CompareOp Op>
bool t_compare(Renderer& r, const Value& v, CallArgs& args) {
  return compare_op(r, Op, v, arg0(args, "compare"));
}

}  // namespace

void register_builtin_tests(Environment& env) {
  add(env, "defined", t_defined);
  add(env, "undefined", t_undefined);
  add(env, "none", t_none);
  add(env, "boolean", t_boolean);
  add(env, "false", t_false);
  add(env, "true", t_true);
  add(env, "integer", t_integer);
  add(env, "float", t_float);
  add(env, "number", t_number);
  add(env, "string", t_string);
  add(env, "mapping", t_mapping);
  add(env, "callable", t_callable);
  add(env, "escaped", t_escaped);
  add(env, "sequence", t_sequence);
  add(env, "iterable", t_iterable);
  add(env, "odd", t_odd);
  add(env, "even", t_even);
  add(env, "divisibleby", t_divisibleby);
  add(env, "lower", t_lower);
  add(env, "upper", t_upper);
  add(env, "sameas", t_sameas);
  add(env, "in", t_in);
  add(env, "filter", t_filter);
  add(env, "test", t_test);
  for (const char* n : {"eq", "==", "equalto"}) add(env, n, t_compare<ast::CompareOp::Eq>);
  for (const char* n : {"ne", "!="}) add(env, n, t_compare<ast::CompareOp::Ne>);
  for (const char* n : {"lt", "<", "lessthan"}) add(env, n, t_compare<ast::CompareOp::Lt>);
  for (const char* n : {"le", "<="}) add(env, n, t_compare<ast::CompareOp::Le>);
  for (const char* n : {"gt", ">", "greaterthan"}) add(env, n, t_compare<ast::CompareOp::Gt>);
  for (const char* n : {"ge", ">="}) add(env, n, t_compare<ast::CompareOp::Ge>);
}

}  // namespace strata::jinja
