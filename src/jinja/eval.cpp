// Expression evaluation.
#include <cmath>

#include "jinja/methods.h"
#include "jinja/objects.h"
#include "jinja/operators.h"
#include "jinja/renderer.h"

namespace strata::jinja {

void throw_error(ErrorKind kind, std::string message) {
  RenderException e;
  e.kind = kind;
  e.message = std::move(message);
  throw e;
}

Renderer::Renderer(const Environment& env, const RenderSettings& settings, Value vars)
    : env_(env), settings_(settings), vars_(std::move(vars)) {
  if (!vars_.is_dict()) vars_ = Value::dict();
}

namespace {
// Where `obj._name` / obj['_name'] is an ordinary member rather than an unsafe internal:
// dict keys and namespace-like host objects (a dbt package's macros).
bool underscore_members(const Value& obj) {
  return obj.is_dict() || (obj.is_object() && obj.as_object().underscore_names_are_members());
}

bool reaches(const Value& v, const void* target, int depth) {
  if (depth > 64) return false;
  if (v.is_list()) {
    if (&v.as_list() == target) return true;
    for (const Value& item : v.as_list().items) {
      if ((item.is_list() || item.is_dict() || item.is_object()) && reaches(item, target, depth + 1)) return true;
    }
  } else if (v.is_dict()) {
    if (&v.as_dict() == target) return true;
    for (const auto& [k, item] : v.as_dict().entries()) {
      if ((item.is_list() || item.is_dict() || item.is_object()) && reaches(item, target, depth + 1)) return true;
    }
  } else if (v.is_object()) {
    if (const auto* ns = dynamic_cast<const NamespaceObject*>(&v.as_object())) {
      if (&ns->attrs() == target) return true;
      for (const auto& [k, item] : ns->attrs().entries()) {
        if ((item.is_list() || item.is_dict() || item.is_object()) && reaches(item, target, depth + 1)) return true;
      }
    }
  }
  return false;
}
}  // namespace

void Renderer::note_insert(const Value& container, const Value& inserted) {
  if (!(inserted.is_list() || inserted.is_dict() || inserted.is_object())) return;
  const void* target = nullptr;
  if (container.is_list()) target = &container.as_list();
  else if (container.is_dict()) target = &container.as_dict();
  else if (container.is_object()) {
    if (const auto* ns = dynamic_cast<const NamespaceObject*>(&container.as_object())) target = &ns->attrs();
  }
  if (target && reaches(inserted, target, 0)) cyclic.push_back(container);
}

Renderer::~Renderer() {
  for (Value& v : cyclic) {
    if (v.is_list()) {
      std::vector<Value> drop = std::move(v.as_list().items);
      v.as_list().items.clear();
    } else if (v.is_dict()) {
      v.as_dict().clear();
    } else if (v.is_object()) {
      if (const auto* ns = dynamic_cast<const NamespaceObject*>(&v.as_object())) ns->attrs().clear();
    }
  }
}

ScopePtr Renderer::make_root(Value context) const {
  auto root = std::make_shared<Scope>();
  root->is_root = true;
  root->context = std::move(context);
  return root;
}

void Renderer::step() {
  if (++steps_ > settings_.max_steps) {
    throw_runtime("template step budget exhausted (" + std::to_string(settings_.max_steps) +
                  " steps); the template loops too long");
  }
}

void Renderer::charge(size_t bytes) const {
  bytes_ += bytes;
  if (bytes_ > settings_.max_bytes) {
    throw_runtime("template memory budget exhausted (" + std::to_string(settings_.max_bytes) +
                  " bytes of strings and lists built)");
  }
}

void Renderer::enter(ast::Span) {
  if (++depth_ > settings_.max_depth) {
    --depth_;
    throw_runtime("maximum recursion depth exceeded (" + std::to_string(settings_.max_depth) +
                  " nested macro calls, includes or recursive loops)");
  }
}

void Renderer::check_defined(const Value& v, bool always) const {
  if (!v.is_undefined()) return;
  if (always || (strict() && v.undefined_flavor() != Value::UndefinedFlavor::AlwaysLenient)) {
    fail_undefined(v);
  }
}

std::string Renderer::to_string(const Value& v) const {
  if (v.is_string()) return v.as_string();
  check_defined(v);
  return v.str();
}

bool Renderer::truthy(const Value& v) const {
  check_defined(v);
  return v.truthy();
}

std::vector<Value> Renderer::iterate(const Value& v) const {
  switch (v.kind()) {
    case Kind::List: return v.as_list().items;
    case Kind::Dict: {
      std::vector<Value> keys;
      keys.reserve(v.as_dict().size());
      for (const auto& entry : v.as_dict().entries()) keys.push_back(entry.first);
      return keys;
    }
    case Kind::String: {
      // Python iterates code points.
      std::vector<Value> chars;
      const std::string& s = v.as_string();
      // A code point starts at every byte that is not a UTF-8 continuation byte (the same
      // rule as indexing and lengths, so invalid UTF-8 stays consistent).
      for (size_t i = 0; i < s.size();) {
        size_t len = 1;
        while (i + len < s.size() && (static_cast<unsigned char>(s[i + len]) & 0xC0) == 0x80) ++len;
        chars.emplace_back(s.substr(i, len));
        i += len;
      }
      return chars;
    }
    case Kind::Undefined:
      check_defined(v);
      return {};
    case Kind::Object: {
      auto items = v.as_object().iterate();
      if (!items) throw_runtime("'" + v.type_name() + "' object is not iterable");
      return std::move(*items);
    }
    default: throw_runtime("'" + v.type_name() + "' object is not iterable");
  }
}

std::string object_type_repr(const Value& v) {
  if (v.is_none()) return "None";
  return v.type_name() + " object";
}

Value Renderer::lookup(std::string_view name, const Scope* scope) const {
  for (const Scope* s = scope; s; s = s->parent.get()) {
    if (const Value* v = s->find_local(name)) return *v;
    if (s->context.is_dict()) {
      if (const Value* v = s->context.as_dict().find(name)) return *v;
    }
  }
  if (const Value* g = env_.global(name)) {
    if (settings_.volatile_read && env_.is_volatile(name)) *settings_.volatile_read = true;
    return *g;
  }
  return Value::undefined("'" + std::string(name) + "' is undefined");
}

namespace {
Value missing_attr(const Value& obj, std::string_view name) {
  return Value::undefined(string_repr(object_type_repr(obj)) + " has no attribute " + string_repr(name));
}
}  // namespace

Value Renderer::get_attr(const Value& obj, std::string_view name) {
  switch (obj.kind()) {
    case Kind::Undefined: fail_undefined(obj);
    case Kind::Dict:
      if (has_dict_method(name)) return bound_method(obj, name);
      if (const Value* v = obj.as_dict().find(name)) return *v;
      return missing_attr(obj, name);
    case Kind::List:
      if (has_list_method(name)) return bound_method(obj, name);
      return missing_attr(obj, name);
    case Kind::String:
      if (has_str_method(name)) return bound_method(obj, name);
      return missing_attr(obj, name);
    case Kind::Object: {
      if (auto v = obj.as_object().get_attr(name)) return *v;
      return missing_attr(obj, name);
    }
    case Kind::Callable:
      if (name == "name" || name == "__name__") {
        if (obj.as_callable().is_macro() && static_cast<const MacroCallable&>(obj.as_callable()).node().is_call_block) return Value();
        return Value(std::string(obj.as_callable().name()));
      }
      if (obj.as_callable().is_macro()) {
        const auto& m = static_cast<const MacroCallable&>(obj.as_callable()).node();
        if (name == "arguments") {
          std::vector<Value> names;
          for (const auto& p : m.params) names.emplace_back(p.name);
          return Value::tuple(std::move(names));
        }
        if (name == "catch_kwargs") return Value(m.catch_kwargs);
        if (name == "catch_varargs") return Value(m.catch_varargs);
        if (name == "caller") return Value(m.uses_caller);
      }
      return missing_attr(obj, name);
    default:
      if (obj.is_int() || obj.is_float()) {
        if (name == "real") return obj.is_bool() ? Value(obj.as_int()) : obj;
        if (name == "imag") return obj.is_float() ? Value(0.0) : Value(int64_t{0});
      }
      return missing_attr(obj, name);
  }
}

namespace {

// Code-point aware indexing helpers for strings.
std::vector<size_t> codepoint_starts(const std::string& s) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == 0 || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  return starts;
}

}  // namespace

Value Renderer::get_item(const Value& obj, const Value& key) {
  switch (obj.kind()) {
    case Kind::Undefined: fail_undefined(obj);
    case Kind::Dict:
      if (const Value* v = obj.as_dict().find(key)) return *v;
      if (key.is_string() && has_dict_method(key.as_string())) return bound_method(obj, key.as_string());
      break;
    case Kind::List:
      if (key.is_int() || key.is_bool()) {
        const auto& items = obj.as_list().items;
        int64_t i = key.as_int();
        int64_t n = static_cast<int64_t>(items.size());
        if (i < 0) i += n;
        if (i >= 0 && i < n) return items[static_cast<size_t>(i)];
        return Value::undefined(string_repr(object_type_repr(obj)) + " has no element " + key.repr());
      }
      if (key.is_string()) return get_attr(obj, key.as_string());
      break;
    case Kind::String:
      if (key.is_int() || key.is_bool()) {
        const std::string& s = obj.as_string();
        auto starts = codepoint_starts(s);
        int64_t i = key.as_int();
        int64_t n = static_cast<int64_t>(starts.size());
        if (i < 0) i += n;
        if (i >= 0 && i < n) {
          size_t b = starts[static_cast<size_t>(i)];
          size_t e = static_cast<size_t>(i) + 1 < starts.size() ? starts[static_cast<size_t>(i) + 1] : s.size();
          return Value(s.substr(b, e - b));
        }
        return Value::undefined(string_repr(object_type_repr(obj)) + " has no element " + key.repr());
      }
      if (key.is_string()) return get_attr(obj, key.as_string());
      break;
    case Kind::Object: {
      if (auto v = obj.as_object().get_item(key)) return *v;
      if (key.is_string()) return get_attr(obj, key.as_string());
      break;
    }
    default:
      if (key.is_string()) return get_attr(obj, key.as_string());
      break;
  }
  if (key.is_string()) return missing_attr(obj, key.as_string());
  return Value::undefined(string_repr(object_type_repr(obj)) + " has no element " + key.repr());
}

namespace {

int64_t slice_index(Renderer& r, const ast::Expr* e, const ScopePtr& scope, bool& present) {
  present = false;
  if (!e) return 0;
  Value v = r.eval(*e, scope);
  if (v.is_none()) return 0;
  if (!v.is_int() && !v.is_bool()) {
    if (v.is_undefined()) fail_undefined(v);
    throw_runtime("slice indices must be integers or None or have an __index__ method");
  }
  present = true;
  return v.as_int();
}

// Python slice semantics -> indices to take.
std::vector<size_t> slice_indices(int64_t n, bool has_start, int64_t start, bool has_stop, int64_t stop, bool has_step, int64_t step) {
  if (!has_step) step = 1;
  if (step == 0) throw_runtime("slice step cannot be zero");
  auto clamp = [&](bool has, int64_t v, int64_t dflt) -> int64_t {
    if (!has) return dflt;
    if (v < 0) {
      v += n;
      if (v < 0) v = step < 0 ? -1 : 0;
    } else if (v >= n) {
      v = step < 0 ? n - 1 : n;
    }
    return v;
  };
  int64_t b = clamp(has_start, start, step < 0 ? n - 1 : 0);
  int64_t e = clamp(has_stop, stop, step < 0 ? -1 : n);
  std::vector<size_t> out;
  if (step > 0) {
    for (int64_t i = b; i < e; i += step) out.push_back(static_cast<size_t>(i));
  } else {
    for (int64_t i = b; i > e; i += step) out.push_back(static_cast<size_t>(i));
  }
  return out;
}

}  // namespace

Value Renderer::eval(const ast::Expr& expr, const ScopePtr& scope) {
  step();
  try {
    switch (expr.kind) {
      case ast::ExprKind::Const: return static_cast<const ast::Const&>(expr).value;
      case ast::ExprKind::Name: return lookup(static_cast<const ast::Name&>(expr).name, scope.get());
      case ast::ExprKind::List:
      case ast::ExprKind::Tuple: {
        const auto& seq = static_cast<const ast::Sequence&>(expr);
        std::vector<Value> items;
        items.reserve(seq.items.size());
        for (const auto& item : seq.items) items.push_back(eval(*item, scope));
        return expr.kind == ast::ExprKind::Tuple ? Value::tuple(std::move(items)) : Value::list(std::move(items));
      }
      case ast::ExprKind::Dict: {
        Value d = Value::dict();
        for (const auto& [k, v] : static_cast<const ast::DictLit&>(expr).items) {
          Value key = eval(*k, scope);
          if (key.is_list() && !key.is_tuple()) throw_runtime("unhashable type: 'list'");
          if (key.is_dict()) throw_runtime("unhashable type: 'dict'");
          d.as_dict().set(key, eval(*v, scope));
        }
        return d;
      }
      case ast::ExprKind::Unary: {
        const auto& u = static_cast<const ast::Unary&>(expr);
        return unary_op(*this, u.op, eval(*u.operand, scope));
      }
      case ast::ExprKind::Binary: {
        const auto& b = static_cast<const ast::Binary&>(expr);
        Value left = eval(*b.left, scope);
        Value right = eval(*b.right, scope);
        try {
          return binary_op(*this, b.op, left, right);
        } catch (RenderException& e) {
          // Point at the operand that was undefined rather than the whole expression.
          if (!e.located && e.kind == ErrorKind::Undefined && (left.is_undefined() || right.is_undefined())) {
            e.located = true;
            e.tmpl = current_;
            e.span = left.is_undefined() ? b.left->span : b.right->span;
          }
          throw;
        }
      }
      case ast::ExprKind::And: {
        const auto& b = static_cast<const ast::Binary&>(expr);
        Value left = eval(*b.left, scope);
        if (!truthy(left)) return left;
        return eval(*b.right, scope);
      }
      case ast::ExprKind::Or: {
        const auto& b = static_cast<const ast::Binary&>(expr);
        Value left = eval(*b.left, scope);
        if (truthy(left)) return left;
        return eval(*b.right, scope);
      }
      case ast::ExprKind::Compare: {
        const auto& c = static_cast<const ast::Compare&>(expr);
        Value left = eval(*c.first, scope);
        for (const auto& operand : c.rest) {
          Value right = eval(*operand.expr, scope);
          if (!compare_op(*this, operand.op, left, right)) return Value(false);
          left = std::move(right);
        }
        return Value(true);
      }
      case ast::ExprKind::Cond: {
        const auto& c = static_cast<const ast::Cond&>(expr);
        if (truthy(eval(*c.test, scope))) return eval(*c.if_true, scope);
        if (c.if_false) return eval(*c.if_false, scope);
        return Value::undefined("the inline if-expression evaluated to false and no else section was defined.",
                                Value::UndefinedFlavor::AlwaysLenient);
      }
      case ast::ExprKind::Getattr: {
        const auto& g = static_cast<const ast::Getattr&>(expr);
        Value obj = eval(*g.object, scope);
        if (obj.is_undefined()) locate_undefined(obj, *g.object);
        // Sandbox: underscore attributes are unsafe, except dict keys (Python falls back to
        // the item when the dict has no such attribute).
        bool dunder = g.attr.size() > 4 && g.attr.compare(0, 2, "__") == 0 && g.attr.compare(g.attr.size() - 2, 2, "__") == 0;
        if (!g.attr.empty() && g.attr[0] == '_' && (!underscore_members(obj) || dunder)) {
          check_defined(obj, true);
          return Value::undefined("access to attribute " + string_repr(g.attr) + " of " + string_repr(obj.type_name()) + " object is unsafe.",
                                  Value::UndefinedFlavor::Security);
        }
        return get_attr(obj, g.attr);
      }
      case ast::ExprKind::Getitem: {
        const auto& g = static_cast<const ast::Getitem&>(expr);
        Value obj = eval(*g.object, scope);
        if (obj.is_undefined()) locate_undefined(obj, *g.object);
        Value key = eval(*g.key, scope);
        if (key.is_string() && !key.as_string().empty() && key.as_string()[0] == '_' && !underscore_members(obj)) {
          check_defined(obj, true);
          return Value::undefined("access to attribute " + string_repr(key.as_string()) + " of " + string_repr(obj.type_name()) + " object is unsafe.",
                                  Value::UndefinedFlavor::Security);
        }
        return get_item(obj, key);
      }
      case ast::ExprKind::Slice: {
        const auto& s = static_cast<const ast::Slice&>(expr);
        Value obj = eval(*s.object, scope);
        bool hs, he, hp;
        int64_t start = slice_index(*this, s.start.get(), scope, hs);
        int64_t stop = slice_index(*this, s.stop.get(), scope, he);
        int64_t stepv = slice_index(*this, s.step.get(), scope, hp);
        if (obj.is_undefined()) fail_undefined(obj);
        if (obj.is_list()) {
          const auto& items = obj.as_list().items;
          std::vector<Value> out;
          for (size_t i : slice_indices(static_cast<int64_t>(items.size()), hs, start, he, stop, hp, stepv)) out.push_back(items[i]);
          return obj.is_tuple() ? Value::tuple(std::move(out)) : Value::list(std::move(out));
        }
        if (obj.is_string()) {
          const std::string& str = obj.as_string();
          auto starts = codepoint_starts(str);
          std::string out;
          for (size_t i : slice_indices(static_cast<int64_t>(starts.size()), hs, start, he, stop, hp, stepv)) {
            size_t b = starts[i];
            size_t e = i + 1 < starts.size() ? starts[i + 1] : str.size();
            out.append(str, b, e - b);
          }
          return Value(std::move(out));
        }
        if (obj.is_object()) {
          auto items = obj.as_object().iterate();
          if (items) {
            std::vector<Value> out;
            for (size_t i : slice_indices(static_cast<int64_t>(items->size()), hs, start, he, stop, hp, stepv)) out.push_back((*items)[i]);
            return Value::list(std::move(out));
          }
        }
        throw_runtime("'" + obj.type_name() + "' object is not subscriptable");
      }
      case ast::ExprKind::Call: {
        const auto& c = static_cast<const ast::Call&>(expr);
        if (c.callee->kind == ast::ExprKind::Getattr) {
          const auto& g = static_cast<const ast::Getattr&>(*c.callee);
          Value obj = eval(*g.object, scope);
          if (obj.is_undefined()) locate_undefined(obj, *g.object);
          bool dunder = g.attr.size() > 4 && g.attr.compare(0, 2, "__") == 0 && g.attr.compare(g.attr.size() - 2, 2, "__") == 0;
          if (!g.attr.empty() && g.attr[0] == '_' && (!underscore_members(obj) || dunder)) throw_runtime("access to attribute " + string_repr(g.attr) + " is unsafe");
          bool builtin = (obj.is_dict() && has_dict_method(g.attr)) || (obj.is_list() && has_list_method(g.attr)) ||
                         (obj.is_string() && has_str_method(g.attr));
          if (builtin) {
            CallArgs args;
            eval_args(c.args, scope, args);
            return call_method(*this, obj, g.attr, args);
          }
          if (obj.is_object()) {
            CallArgs args;
            eval_args(c.args, scope, args);
            RenderCallContext ctx(*this, scope.get(), expr.span);
            auto result = obj.as_object().call_method(ctx, g.attr, args);
            if (result) {
              if (pending_error) {
                RenderException e = std::move(*pending_error);
                pending_error.reset();
                if (!result->ok()) throw e;
              }
              if (!result->ok()) {
                RenderException e;
                e.message = result->error().message;
                e.hint = result->error().hint;
                throw e;
              }
              if (pending_return) {
                Value v = std::move(*pending_return);
                pending_return.reset();
                throw MacroReturn{std::move(v)};
              }
              return std::move(result->value());
            }
            Value callee = get_attr(obj, g.attr);
            return call_value(callee, args, scope.get(), expr.span);
          }
          Value callee = get_attr(obj, g.attr);
          CallArgs args;
          eval_args(c.args, scope, args);
          return call_value(callee, args, scope.get(), expr.span);
        }
        bool statement_level = statement_call == &expr;
        statement_call = nullptr;
        Value callee = eval(*c.callee, scope);
        if (callee.is_undefined()) locate_undefined(callee, *c.callee);
        CallArgs args;
        eval_args(c.args, scope, args);
        return call_value(callee, args, scope.get(), expr.span, statement_level);
      }
      case ast::ExprKind::Filter: {
        const auto& f = static_cast<const ast::Filter&>(expr);
        Value input = f.input ? eval(*f.input, scope) : Value();
        CallArgs args;
        eval_args(f.args, scope, args);
        return apply_filter(f.name, input, args, scope.get(), expr.span);
      }
      case ast::ExprKind::Test: {
        const auto& t = static_cast<const ast::Test&>(expr);
        Value input = eval(*t.input, scope);
        CallArgs args;
        eval_args(t.args, scope, args);
        bool result = apply_test(t.name, input, args, scope.get(), expr.span);
        return Value(t.negated ? !result : result);
      }
    }
  } catch (RenderException& e) {
    if (!e.located) {
      e.located = true;
      e.tmpl = current_;
      e.span = expr.span;
    }
    throw;
  }
  return Value();
}

void Renderer::locate_undefined(const Value& undefined, const ast::Expr& where) {
  try {
    fail_undefined(undefined);
  } catch (RenderException& e) {
    e.located = true;
    e.tmpl = current_;
    e.span = where.span;
    throw;
  }
}

void Renderer::eval_args(const ast::Args& args, const ScopePtr& scope, CallArgs& out) {
  out.positional.reserve(args.positional.size());
  for (const auto& e : args.positional) out.positional.push_back(eval(*e, scope));
  if (args.dyn_args) {
    Value extra = eval(*args.dyn_args, scope);
    for (Value& v : iterate(extra)) out.positional.push_back(std::move(v));
  }
  for (const auto& [name, e] : args.keyword) out.keyword.emplace_back(name, eval(*e, scope));
  if (args.dyn_kwargs) {
    Value extra = eval(*args.dyn_kwargs, scope);
    if (extra.is_undefined()) check_defined(extra);
    if (extra.is_dict()) {
      for (const auto& [k, v] : extra.as_dict().entries()) {
        if (!k.is_string()) throw_runtime("keywords must be strings");
        out.keyword.emplace_back(k.as_string(), v);
      }
    } else if (!extra.is_undefined()) {
      throw_runtime("argument after ** must be a mapping, not " + extra.type_name());
    }
  }
}

}  // namespace strata::jinja
