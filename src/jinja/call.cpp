// Calls: macros (argument binding, caller, return values), host functions, filters, tests,
// and the CallContext handed to them.
#include "jinja/operators.h"
#include "jinja/renderer.h"

namespace strata::jinja {

Renderer& renderer_of(CallContext& ctx) { return static_cast<RenderCallContext&>(ctx).renderer(); }

const char* error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Syntax: return "syntax";
    case ErrorKind::Undefined: return "undefined";
    case ErrorKind::NotFound: return "not_found";
    case ErrorKind::Runtime: return "runtime";
  }
  return "runtime";
}

Error to_error(const RenderException& e, ErrorKind* kind) {
  if (kind) *kind = e.kind;
  Error error(e.kind == ErrorKind::Syntax ? ErrorCode::TemplateSyntax : ErrorCode::TemplateRuntime, e.message);
  if (e.external) {
    error = *e.external;
  } else if (e.tmpl) {
    error.span = SourceSpan::at_offset(e.tmpl->source(), e.span.offset, e.span.length);
  }
  for (const TraceFrame& f : e.frames) {
    SourceSpan span;
    if (f.tmpl) span = SourceSpan::at_offset(f.tmpl->source(), f.span.offset, f.span.length);
    error.chain.push_back({f.description, std::move(span)});
  }
  if (!e.hint.empty()) error.hint = e.hint;
  if (error.hint.empty() && e.kind == ErrorKind::Undefined) {
    error.hint = "check the spelling, pass the variable in the context, or guard it with `is defined` / |default";
  }
  return error;
}

// ---------------- RenderCallContext ----------------

SourceSpan RenderCallContext::span() const {
  const Template* t = renderer_.current();
  if (!t) return {};
  return SourceSpan::at_offset(t->source(), span_.offset, span_.length);
}
Value RenderCallContext::lookup(std::string_view name) const { return renderer_.lookup(name, scope_); }
Value RenderCallContext::caller() const { return renderer_.current_caller(); }
UndefinedPolicy RenderCallContext::undefined_policy() const { return renderer_.settings().undefined; }
void* RenderCallContext::host_data() const { return renderer_.settings().host_data; }
const Environment& RenderCallContext::environment() const { return renderer_.env(); }

Result<Value> RenderCallContext::call(const Value& callable, CallArgs args) {
  try {
    return renderer_.call_value(callable, args, scope_, span_);
  } catch (RenderException& e) {
    if (!e.located) {
      e.located = true;
      e.tmpl = renderer_.current();
      e.span = span_;
    }
    Error error = to_error(e, nullptr);
    renderer_.pending_error = std::move(e);
    return error;
  }
}

void RenderCallContext::return_from_macro(Value value) { renderer_.pending_return = std::move(value); }

Error RenderCallContext::error(std::string message) const { return Error(ErrorCode::TemplateRuntime, std::move(message), span()); }

Value Renderer::current_caller() const {
  for (auto it = macro_stack.rbegin(); it != macro_stack.rend(); ++it) {
    if (!it->caller.is_undefined()) return it->caller;
  }
  return Value::undefined("No caller defined");
}

// ---------------- calls ----------------

namespace {

Value finish_host_call(Renderer& r, Result<Value> result, bool statement_level = false) {
  if (r.pending_error) {
    RenderException e = std::move(*r.pending_error);
    r.pending_error.reset();
    if (!result.ok()) throw e;
  }
  if (!result.ok()) {
    RenderException e;
    e.message = result.error().message;
    e.hint = result.error().hint;
    throw e;
  }
  if (r.pending_return) {
    Value v = std::move(*r.pending_return);
    r.pending_return.reset();
    if (statement_level) {
      r.returning = std::move(v);
      return Value();
    }
    throw MacroReturn{std::move(v)};
  }
  return std::move(result).value();
}

}  // namespace

Value Renderer::call_value(const Value& callee, CallArgs& args, const Scope* scope, ast::Span span, bool statement_level) {
  switch (callee.kind()) {
    case Kind::Undefined: fail_undefined(callee);
    case Kind::Callable: {
      const Callable& c = callee.as_callable();
      if (c.is_macro()) return call_macro(static_cast<const MacroCallable&>(c), args, span);
      RenderCallContext ctx(*this, scope, span);
      return finish_host_call(*this, c.call(ctx, args), statement_level);
    }
    case Kind::Object: {
      const HostObject& o = callee.as_object();
      if (!o.is_callable()) throw_runtime("'" + o.type_name() + "' object is not callable");
      RenderCallContext ctx(*this, scope, span);
      return finish_host_call(*this, o.call(ctx, args), statement_level);
    }
    default: throw_runtime("'" + callee.type_name() + "' object is not callable");
  }
}

Result<Value> MacroCallable::call(CallContext& context, CallArgs& args) const {
  Renderer& r = renderer_of(context);
  return r.call_macro(*this, args, static_cast<RenderCallContext&>(context).call_span());
}

Value Renderer::call_macro(const MacroCallable& macro, CallArgs& args, ast::Span span) {
  const ast::Macro& m = macro.node();
  if (settings_.direct_macro_calls && macro_stack.empty()) settings_.direct_macro_calls->push_back(&m);
  enter(span);
  struct Leave {
    Renderer& r;
    ~Leave() { r.leave(); }
  } leave_guard{*this};

  auto scope = std::make_shared<Scope>();
  scope->parent = macro.closure();
  if (!scope->parent) {
    scope->is_root = true;
    scope->context = vars_;
  }
  const std::string name(m.name);
  size_t nparams = m.params.size();
  std::vector<bool> bound(nparams, false);
  std::vector<Value> varargs;
  Value kwargs = Value::dict();
  Value caller = Value::undefined("No caller defined");
  for (size_t i = 0; i < args.positional.size(); ++i) {
    if (i < nparams) {
      scope->set(m.params[i].name, args.positional[i]);
      bound[i] = true;
    } else if (m.catch_varargs) {
      varargs.push_back(args.positional[i]);
    } else {
      throw_runtime("macro '" + name + "' takes not more than " + std::to_string(nparams) + " argument(s)");
    }
  }
  for (auto& [key, value] : args.keyword) {
    size_t index = nparams;
    for (size_t i = 0; i < nparams; ++i) {
      if (m.params[i].name == key) index = i;
    }
    if (index < nparams) {
      if (bound[index]) throw_runtime("macro '" + name + "' got multiple values for argument '" + key + "'");
      scope->set(key, value);
      bound[index] = true;
    } else if (key == "caller" && m.uses_caller) {
      caller = value;
    } else if (m.catch_kwargs) {
      kwargs.as_dict().set(std::string_view(key), value);
    } else {
      throw_runtime("macro '" + name + "' takes no keyword argument '" + key + "'");
    }
  }
  const Template* call_site_tmpl = current_;
  auto saved_shared = current_shared_;
  set_current_shared(std::shared_ptr<const Template>(macro.tmpl().shared_from_this()));
  struct Restore {
    Renderer& r;
    std::shared_ptr<const Template> t;
    ~Restore() { r.set_current_shared(std::move(t)); }
  } restore{*this, saved_shared};
  macro_stack.push_back({&macro, caller});
  struct Pop {
    Renderer& r;
    ~Pop() { r.macro_stack.pop_back(); }
  } pop{*this};
  try {
    for (size_t i = 0; i < nparams; ++i) {
      if (bound[i]) continue;
      const ast::Param& p = m.params[i];
      if (p.default_value) {
        scope->set(p.name, eval(*p.default_value, scope));
      } else {
        scope->set(p.name, Value::undefined("parameter '" + p.name + "' was not provided"));
      }
    }
    if (m.catch_varargs) scope->set("varargs", Value::tuple(std::move(varargs)));
    if (m.catch_kwargs) scope->set("kwargs", kwargs);
    if (m.uses_caller) scope->set("caller", caller);
    std::string out;
    struct FastReturnFrame {
      Renderer& r;
      bool saved_ok;
      const ast::Expr* saved_call;
      ~FastReturnFrame() {
        r.fast_return_ok = saved_ok;
        r.statement_call = saved_call;
        r.returning.reset();
      }
    } frame{*this, fast_return_ok, statement_call};
    fast_return_ok = true;
    statement_call = nullptr;
    exec_body(m.body, scope, out);
    if (returning) return std::move(*returning);
    return Value(std::move(out));
  } catch (MacroReturn& ret) {
    return std::move(ret.value);
  } catch (RenderException& e) {
    if (!e.located) {
      e.located = true;
      e.tmpl = current_;
      e.span = m.span;
    }
    e.frames.push_back({"in macro '" + name + "'", current_, m.span});
    e.frames.push_back({"called", call_site_tmpl, span});
    throw;
  }
}

Value Renderer::apply_filter(std::string_view name, const Value& input, CallArgs& args, const Scope* scope, ast::Span span) {
  const FilterFunction* f = env_.filter(name);
  if (!f) throw_runtime("No filter named '" + std::string(name) + "'.");
  RenderCallContext ctx(*this, scope, span);
  return finish_host_call(*this, (*f)(ctx, input, args));
}

bool Renderer::apply_test(std::string_view name, const Value& input, CallArgs& args, const Scope* scope, ast::Span span) {
  const TestFunction* t = env_.test(name);
  if (!t) throw_runtime("No test named '" + std::string(name) + "'.");
  RenderCallContext ctx(*this, scope, span);
  Result<bool> result = (*t)(ctx, input, args);
  if (pending_error) {
    RenderException e = std::move(*pending_error);
    pending_error.reset();
    if (!result.ok()) throw e;
  }
  if (!result.ok()) throw_runtime(result.error().message);
  return *result;
}

}  // namespace strata::jinja
