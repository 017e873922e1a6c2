#pragma once
// Internal: the tree-walking renderer. One Renderer per render call; it holds all
// per-render state (scopes, budgets, macro stack), so templates and the Environment stay
// immutable and shareable across threads.
//
// Inside the engine, errors travel as RenderException (cheap try blocks on the hot path,
// locations attached by the innermost expression); they are turned into strata::Error
// values at the public boundary (Template::render & co).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "jinja/ast.h"
#include "jinja/call_context.h"
#include "jinja/environment.h"
#include "jinja/template.h"
#include "jinja/value.h"

namespace strata::jinja {

struct TraceFrame {
  std::string description;
  const Template* tmpl = nullptr;
  ast::Span span;
};

struct RenderException {
  ErrorKind kind = ErrorKind::Runtime;
  std::string message;
  bool located = false;
  const Template* tmpl = nullptr;
  ast::Span span;
  std::vector<TraceFrame> frames;
  std::string hint;
  // An error that already is a full Error (e.g. a syntax error in an included file).
  std::optional<Error> external;
};

[[noreturn]] void throw_error(ErrorKind kind, std::string message);
[[noreturn]] inline void throw_runtime(std::string message) { throw_error(ErrorKind::Runtime, std::move(message)); }

// Thrown by `return(x)` through the body of the macro being called.
struct MacroReturn {
  Value value;
};

// Variables of one scope level; the chain ends at a root whose `context` (a dict of render
// variables, or none) is consulted before the environment's globals.
struct Scope {
  std::shared_ptr<Scope> parent;
  std::vector<std::pair<std::string, Value>> vars;
  Value context;  // only meaningful on a root scope
  bool is_root = false;

  const Value* find_local(std::string_view name) const {
    for (const auto& [key, value] : vars) {
      if (key == name) return &value;
    }
    return nullptr;
  }
  void set(std::string_view name, Value value) {
    for (auto& [key, v] : vars) {
      if (key == name) {
        v = std::move(value);
        return;
      }
    }
    vars.emplace_back(std::string(name), std::move(value));
  }
};
using ScopePtr = std::shared_ptr<Scope>;

// A macro value: the template (kept alive), its node, and the scope it closes over.
class MacroCallable : public Callable {
 public:
  // `closure` is held weakly: the scope usually holds the macro itself, and a strong
  // reference would leak both. A macro outliving its scope resolves names in the render vars.
  MacroCallable(std::shared_ptr<const Template> tmpl, const ast::Macro* node, const ScopePtr& closure)
      : tmpl_(std::move(tmpl)), node_(node), closure_(closure) {}
  std::string_view name() const override { return node_->name; }
  Result<Value> call(CallContext& context, CallArgs& args) const override;
  bool is_macro() const override { return true; }

  const Template& tmpl() const { return *tmpl_; }
  const ast::Macro& node() const { return *node_; }
  ScopePtr closure() const { return closure_.lock(); }

 private:
  std::shared_ptr<const Template> tmpl_;
  const ast::Macro* node_;
  std::weak_ptr<Scope> closure_;
};

class Renderer;

// The CallContext handed to host functions and built-ins.
class RenderCallContext : public CallContext {
 public:
  RenderCallContext(Renderer& renderer, const Scope* scope, ast::Span span)
      : renderer_(renderer), scope_(scope), span_(span) {}
  SourceSpan span() const override;
  Value lookup(std::string_view name) const override;
  Value caller() const override;
  UndefinedPolicy undefined_policy() const override;
  void* host_data() const override;
  const Environment& environment() const override;
  Result<Value> call(const Value& callable, CallArgs args) override;
  void return_from_macro(Value value) override;
  Error error(std::string message) const override;

  Renderer& renderer() const { return renderer_; }
  const Scope* scope() const { return scope_; }
  ast::Span call_span() const { return span_; }

 private:
  Renderer& renderer_;
  const Scope* scope_;
  ast::Span span_;
};

struct BlockEntry {
  const ast::Block* block;
  std::shared_ptr<const Template> tmpl;
};

class Renderer {
 public:
  Renderer(const Environment& env, const RenderSettings& settings, Value vars);

  const Environment& env() const { return env_; }
  const RenderSettings& settings() const { return settings_; }
  bool strict() const { return settings_.undefined == UndefinedPolicy::Strict; }
  const Value& vars() const { return vars_; }

  // Whole-template rendering (handles extends).
  void render_template(std::shared_ptr<const Template> tmpl, ScopePtr root, std::string& out);
  // Runs the top level, returns the root scope (for imports and call_macro).
  ScopePtr run_module(std::shared_ptr<const Template> tmpl, Value context);
  // A root scope over `context` (dict or none).
  ScopePtr make_root(Value context) const;

  // ---- statements (render.cpp) ----
  void exec_body(const ast::Body& body, const ScopePtr& scope, std::string& out);
  void exec(const ast::Stmt& stmt, const ScopePtr& scope, std::string& out);

  // ---- expressions (eval.cpp) ----
  Value eval(const ast::Expr& expr, const ScopePtr& scope);
  Value lookup(std::string_view name, const Scope* scope) const;
  // Raises the undefined's error located at the expression that produced it.
  [[noreturn]] void locate_undefined(const Value& undefined, const ast::Expr& where);
  Value get_attr(const Value& obj, std::string_view name);
  Value get_item(const Value& obj, const Value& key);

  // ---- calls (call.cpp) ----
  // statement_level: the call is the whole expression of a `{{ }}`/`{% do %}` statement
  // directly in a macro body (see returning).
  Value call_value(const Value& callee, CallArgs& args, const Scope* scope, ast::Span span, bool statement_level = false);
  Value call_macro(const MacroCallable& macro, CallArgs& args, ast::Span span);
  Value apply_filter(std::string_view name, const Value& input, CallArgs& args, const Scope* scope, ast::Span span);
  bool apply_test(std::string_view name, const Value& input, CallArgs& args, const Scope* scope, ast::Span span);
  void eval_args(const ast::Args& args, const ScopePtr& scope, CallArgs& out);

  // ---- conversions honoring the undefined policy ----
  // Raise when `v` is undefined and the policy (or `always`) forbids using it.
  void check_defined(const Value& v, bool always = false) const;
  std::string to_string(const Value& v) const;  // {{ v }}
  bool truthy(const Value& v) const;
  std::vector<Value> iterate(const Value& v) const;  // for loops, list(), ...

  void step();
  // Accounts for `bytes` of newly built strings/lists against RenderSettings::max_bytes.
  void charge(size_t bytes) const;
  void enter(ast::Span span);  // depth check
  void leave() { --depth_; }

  const Template* current() const { return current_; }
  void set_current(const Template* t) { current_ = t; }
  std::shared_ptr<const Template> current_shared() const { return current_shared_; }
  void set_current_shared(std::shared_ptr<const Template> t) {
    current_ = t.get();
    current_shared_ = std::move(t);
  }

  // The `caller` of the innermost macro call (undefined when none).
  Value current_caller() const;
  // Pending return(x) requested by a host function.
  std::optional<Value> pending_return;
  // `{{ return(x) }}` as a statement of a macro body (or of its if/for/with blocks) stops
  // the body through this flag instead of a MacroReturn exception: dbt macros return
  // constantly, and unwinding was a third of a compile's time. Elsewhere (set/filter
  // blocks, includes, nested expressions) return still throws.
  bool fast_return_ok = false;
  const ast::Expr* statement_call = nullptr;  // the statement expression being evaluated
  std::optional<Value> returning;
  // An engine error that crossed a host function (rethrown as-is when the host fails).
  std::optional<RenderException> pending_error;

  // extends/blocks
  std::vector<std::vector<BlockEntry>> block_stack;  // unused placeholder for nesting
  std::unordered_map<std::string, std::vector<BlockEntry>> blocks;
  void render_block(const std::string& name, size_t level, const ScopePtr& scope, std::string& out);

  struct MacroFrame {
    const MacroCallable* macro;
    Value caller;
  };
  std::vector<MacroFrame> macro_stack;
  // Scopes that macros close over weakly (imported modules, include roots) stay alive for
  // the whole render.
  std::vector<ScopePtr> keep_alive;
  // Containers a template made contain themselves (xs.append(xs)): shared_ptr cycles that
  // Python's GC would collect; they are emptied when the render ends so they do not leak.
  std::vector<Value> cyclic;
  // Records `container` as cyclic when `inserted` (transitively) contains it.
  void note_insert(const Value& container, const Value& inserted);
  ~Renderer();

  Value load_template_value(const Value& name, bool ignore_missing, std::shared_ptr<const Template>& out);

 private:
  void exec_for(const ast::For& node, const ScopePtr& scope, std::string& out);
  void assign(const ast::Target& target, const Value& value, const ScopePtr& scope);

  const Environment& env_;
  RenderSettings settings_;
  Value vars_;
  uint64_t steps_ = 0;
  mutable uint64_t bytes_ = 0;
  uint32_t depth_ = 0;
  const Template* current_ = nullptr;
  std::shared_ptr<const Template> current_shared_;
  std::shared_ptr<const Template> extends_parent_;  // set by {% extends %} while rendering
  ScopePtr block_root_;                             // scope blocks render in
  friend class LoopObject;

 public:
  // Renders a for loop over `items` (also used for recursive loop(...) calls).
  void run_loop(const ast::For& node, std::vector<Value> items, const ScopePtr& scope, std::string& out, int depth);
  // Applies the loop's inline `if` filter.
  std::vector<Value> filter_loop_items(const ast::For& node, std::vector<Value> items, const ScopePtr& scope);
};

// `super`/self references to a block at a level of the inheritance chain.
Value block_reference(Renderer& r, const std::string& name, size_t level, const ScopePtr& scope);
// Converts an engine exception into the public Error.
Error to_error(const RenderException& e, ErrorKind* kind);
// The Renderer behind a CallContext given to a built-in.
Renderer& renderer_of(CallContext& ctx);

// Python-ish type label used in undefined messages: "dict object", "list object".
std::string object_type_repr(const Value& v);

}  // namespace strata::jinja
