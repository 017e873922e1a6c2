#include "jinja/operators.h"

#include <cmath>
#include <cstdio>

#include "jinja/renderer.h"

namespace strata::jinja {

namespace {

const char* op_symbol(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::Add: return "+";
    case ast::BinaryOp::Sub: return "-";
    case ast::BinaryOp::Mul: return "*";
    case ast::BinaryOp::Div: return "/";
    case ast::BinaryOp::FloorDiv: return "//";
    case ast::BinaryOp::Mod: return "%";
    case ast::BinaryOp::Pow: return "** or pow()";
    case ast::BinaryOp::Concat: return "~";
  }
  return "?";
}

[[noreturn]] void unsupported(ast::BinaryOp op, const Value& l, const Value& r) {
  throw_runtime(std::string("unsupported operand type(s) for ") + op_symbol(op) + ": '" + l.type_name() + "' and '" +
                r.type_name() + "'");
}

bool is_intlike(const Value& v) { return v.is_int() || v.is_bool(); }

Value repeat_sequence(const Value& seq, int64_t n) {
  if (n < 0) n = 0;
  if (seq.is_string()) {
    const std::string& s = seq.as_string();
    if (n > 0 && s.size() * static_cast<uint64_t>(n) > (64u << 20)) throw_runtime("result of string repetition is too large");
    std::string out;
    out.reserve(s.size() * static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) out += s;
    return Value(std::move(out));
  }
  const List& list = seq.as_list();
  if (n > 0 && list.items.size() * static_cast<uint64_t>(n) > (4u << 20)) throw_runtime("result of list repetition is too large");
  std::vector<Value> items;
  for (int64_t i = 0; i < n; ++i) items.insert(items.end(), list.items.begin(), list.items.end());
  return list.is_tuple ? Value::tuple(std::move(items)) : Value::list(std::move(items));
}

double py_fmod(double a, double b) {
  double m = std::fmod(a, b);
  if (m != 0 && ((m < 0) != (b < 0))) m += b;
  return m;
}

}  // namespace

void fail_undefined(const Value& undefined) {
  throw_error(undefined.undefined_flavor() == Value::UndefinedFlavor::Security ? ErrorKind::Runtime : ErrorKind::Undefined,
              undefined.undefined_message());
}

Value binary_op(const Renderer& r, ast::BinaryOp op, const Value& left, const Value& right) {
  using ast::BinaryOp;
  if (op == BinaryOp::Concat) {
    std::string a = r.to_string(left), b = r.to_string(right);
    r.charge(a.size() + b.size());
    return Value(a + b);
  }
  if (op == BinaryOp::Mod && left.is_string()) {
    std::string out = percent_format(r, left.as_string(), right);
    r.charge(out.size());
    return Value(std::move(out));
  }
  if (left.is_undefined()) fail_undefined(left);
  if (right.is_undefined()) fail_undefined(right);
  bool both_int = is_intlike(left) && is_intlike(right);
  bool both_num = left.is_number() && right.is_number();
  switch (op) {
    case BinaryOp::Add:
      if (both_int) {
        int64_t out;
        if (__builtin_add_overflow(left.as_int(), right.as_int(), &out)) throw_runtime("integer overflow");
        return Value(out);
      }
      if (both_num) return Value(left.as_float() + right.as_float());
      if (left.is_string() && right.is_string()) {
        r.charge(left.as_string().size() + right.as_string().size());
        return Value(left.as_string() + right.as_string());
      }
      if (left.is_list() && right.is_list() && left.is_tuple() == right.is_tuple()) {
        r.charge(16 * (left.as_list().items.size() + right.as_list().items.size()));
        std::vector<Value> items = left.as_list().items;
        items.insert(items.end(), right.as_list().items.begin(), right.as_list().items.end());
        return left.is_tuple() ? Value::tuple(std::move(items)) : Value::list(std::move(items));
      }
      if (left.is_string()) throw_runtime("can only concatenate str (not \"" + right.type_name() + "\") to str");
      unsupported(op, left, right);
    case BinaryOp::Sub:
      if (both_int) {
        int64_t out;
        if (__builtin_sub_overflow(left.as_int(), right.as_int(), &out)) throw_runtime("integer overflow");
        return Value(out);
      }
      if (both_num) return Value(left.as_float() - right.as_float());
      unsupported(op, left, right);
    case BinaryOp::Mul:
      if (both_int) {
        int64_t out;
        if (__builtin_mul_overflow(left.as_int(), right.as_int(), &out)) throw_runtime("integer overflow");
        return Value(out);
      }
      if (both_num) return Value(left.as_float() * right.as_float());
      if ((left.is_string() || left.is_list()) && is_intlike(right)) {
        Value out = repeat_sequence(left, right.as_int());
        r.charge(out.is_string() ? out.as_string().size() : 16 * out.as_list().items.size());
        return out;
      }
      if ((right.is_string() || right.is_list()) && is_intlike(left)) {
        Value out = repeat_sequence(right, left.as_int());
        r.charge(out.is_string() ? out.as_string().size() : 16 * out.as_list().items.size());
        return out;
      }
      unsupported(op, left, right);
    case BinaryOp::Div:
      if (both_num) {
        if (right.as_float() == 0) throw_runtime("division by zero");
        return Value(left.as_float() / right.as_float());
      }
      unsupported(op, left, right);
    case BinaryOp::FloorDiv:
      if (both_int) {
        int64_t a = left.as_int(), b = right.as_int();
        if (b == 0) throw_runtime("integer division or modulo by zero");
        if (a == INT64_MIN && b == -1) throw_runtime("integer overflow");
        int64_t q = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
        return Value(q);
      }
      if (both_num) {
        if (right.as_float() == 0) throw_runtime("float floor division by zero");
        double a = left.as_float(), b = right.as_float();
        return Value(std::floor(a / b));
      }
      unsupported(op, left, right);
    case BinaryOp::Mod:
      if (left.is_string()) return Value(percent_format(r, left.as_string(), right));
      if (both_int) {
        int64_t a = left.as_int(), b = right.as_int();
        if (b == 0) throw_runtime("integer division or modulo by zero");
        if (b == -1) return Value(int64_t{0});
        int64_t m = a % b;
        if (m != 0 && ((m < 0) != (b < 0))) m += b;
        return Value(m);
      }
      if (both_num) {
        if (right.as_float() == 0) throw_runtime("float modulo");
        return Value(py_fmod(left.as_float(), right.as_float()));
      }
      unsupported(op, left, right);
    case BinaryOp::Pow:
      if (both_int && right.as_int() >= 0) {
        int64_t base = left.as_int(), exp = right.as_int(), result = 1;
        while (exp > 0) {
          if (exp & 1) {
            if (__builtin_mul_overflow(result, base, &result)) throw_runtime("integer overflow");
          }
          exp >>= 1;
          if (exp > 0 && __builtin_mul_overflow(base, base, &base)) throw_runtime("integer overflow");
        }
        return Value(result);
      }
      if (both_num) {
        double a = left.as_float(), b = right.as_float();
        if (a == 0 && b < 0) throw_runtime("0.0 cannot be raised to a negative power");
        if (a < 0 && b != std::floor(b)) throw_runtime("complex results are not supported");
        return Value(std::pow(a, b));
      }
      unsupported(op, left, right);
    case BinaryOp::Concat: break;
  }
  unsupported(op, left, right);
}

Value unary_op(const Renderer& r, ast::UnaryOp op, const Value& v) {
  switch (op) {
    case ast::UnaryOp::Not: return Value(!r.truthy(v));
    case ast::UnaryOp::Neg:
      if (v.is_undefined()) fail_undefined(v);
      if (is_intlike(v)) {
        if (v.as_int() == INT64_MIN) throw_runtime("integer overflow");
        return Value(-v.as_int());
      }
      if (v.is_float()) return Value(-v.as_float());
      throw_runtime("bad operand type for unary -: '" + v.type_name() + "'");
    case ast::UnaryOp::Pos:
      if (v.is_undefined()) fail_undefined(v);
      if (is_intlike(v)) return Value(v.as_int());
      if (v.is_float()) return v;
      throw_runtime("bad operand type for unary +: '" + v.type_name() + "'");
  }
  return v;
}

bool less_than(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_float() || b.is_float()) return a.as_float() < b.as_float();
    return a.as_int() < b.as_int();
  }
  if (a.is_string() && b.is_string()) return a.as_string() < b.as_string();
  if (a.is_list() && b.is_list() && a.is_tuple() == b.is_tuple()) {
    const auto& x = a.as_list().items;
    const auto& y = b.as_list().items;
    for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
      if (x[i].equals(y[i])) continue;
      return less_than(x[i], y[i]);
    }
    return x.size() < y.size();
  }
  if (a.is_undefined()) fail_undefined(a);
  if (b.is_undefined()) fail_undefined(b);
  throw_runtime("'<' not supported between instances of '" + a.type_name() + "' and '" + b.type_name() + "'");
}

bool compare_op(const Renderer& r, ast::CompareOp op, const Value& left, const Value& right) {
  using ast::CompareOp;
  switch (op) {
    case CompareOp::Eq:
    case CompareOp::Ne: {
      if (r.strict()) {
        if (left.is_undefined()) fail_undefined(left);
        if (right.is_undefined()) fail_undefined(right);
      }
      bool eq = left.equals(right);
      return op == CompareOp::Eq ? eq : !eq;
    }
    case CompareOp::Lt: return less_than(left, right);
    case CompareOp::Gt: return less_than(right, left);
    case CompareOp::Le:
      if (left.is_number() && right.is_number()) return left.as_float() <= right.as_float() || left.equals(right);
      return less_than(left, right) || left.equals(right);
    case CompareOp::Ge:
      if (left.is_number() && right.is_number()) return left.as_float() >= right.as_float() || left.equals(right);
      return less_than(right, left) || left.equals(right);
    case CompareOp::In: return contains(r, right, left);
    case CompareOp::NotIn: return !contains(r, right, left);
  }
  return false;
}

bool contains(const Renderer& r, const Value& haystack, const Value& needle) {
  switch (haystack.kind()) {
    case Kind::String:
      if (!needle.is_string()) {
        if (needle.is_undefined()) fail_undefined(needle);
        throw_runtime("'in <string>' requires string as left operand, not " + needle.type_name());
      }
      return haystack.as_string().find(needle.as_string()) != std::string::npos;
    case Kind::List:
      if (r.strict() && needle.is_undefined()) fail_undefined(needle);
      for (const Value& item : haystack.as_list().items) {
        if (item.equals(needle)) return true;
      }
      return false;
    case Kind::Dict:
      if (r.strict() && needle.is_undefined()) fail_undefined(needle);
      return haystack.as_dict().find(needle) != nullptr;
    case Kind::Undefined:
      if (r.strict()) fail_undefined(haystack);
      return false;
    case Kind::Object: {
      auto items = haystack.as_object().iterate();
      if (!items) throw_runtime("argument of type '" + haystack.type_name() + "' is not iterable");
      for (const Value& item : *items) {
        if (item.equals(needle)) return true;
      }
      return false;
    }
    default: throw_runtime("argument of type '" + haystack.type_name() + "' is not iterable");
  }
}

}  // namespace strata::jinja
