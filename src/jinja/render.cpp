// Statement execution: output, control flow, assignment scoping, loops, macros,
// call/filter blocks, include/import, template inheritance, custom block tags.
#include "jinja/objects.h"
#include "jinja/operators.h"
#include "jinja/renderer.h"

namespace strata::jinja {

namespace {

struct LoopBreak {};
struct LoopContinue {};

// An imported template: its exported top-level names as attributes.
class ModuleObject : public HostObject {
 public:
  ModuleObject(std::string name, ScopePtr root) : name_(std::move(name)), root_(std::move(root)) {}
  std::string type_name() const override { return "TemplateModule"; }
  std::optional<Value> get_attr(std::string_view name) const override {
    if (!name.empty() && name[0] == '_') return std::nullopt;
    if (const Value* v = root_->find_local(name)) return *v;
    return std::nullopt;
  }
  std::string str() const override { return "<Template " + string_repr(name_) + ">"; }
  const ScopePtr& root() const { return root_; }

 private:
  std::string name_;
  ScopePtr root_;
};

// `self`: blocks of the template being rendered, callable as self.name().
class SelfObject : public HostObject {
 public:
  explicit SelfObject(const ScopePtr& root) : root_(root) {}
  std::string type_name() const override { return "TemplateReference"; }
  std::optional<Value> get_attr(std::string_view name) const override {
    std::string block(name);
    std::weak_ptr<Scope> root = root_;
    return Value::function(block, [block, root](CallContext& ctx, CallArgs&) -> Result<Value> {
      Renderer& r = renderer_of(ctx);
      if (r.blocks.find(block) == r.blocks.end()) {
        return Error(ErrorCode::TemplateRuntime, "there is no block called " + string_repr(block));
      }
      std::string out;
      r.render_block(block, 0, root.lock(), out);
      return Value(std::move(out));
    });
  }
  std::string str() const override { return "<TemplateReference>"; }

 private:
  std::weak_ptr<Scope> root_;
};

// `super` inside a block: super() renders the parent block, super.super() the grandparent.
class BlockReference : public HostObject {
 public:
  BlockReference(std::string name, size_t level, std::weak_ptr<Scope> scope) : name_(std::move(name)), level_(level), scope_(std::move(scope)) {}
  std::string type_name() const override { return "BlockReference"; }
  bool is_callable() const override { return true; }
  Result<Value> call(CallContext& ctx, CallArgs&) const override {
    Renderer& r = renderer_of(ctx);
    std::string text;
    try {
      r.render_block(name_, level_, scope_.lock(), text);
    } catch (RenderException& e) {
      Error error = to_error(e, nullptr);
      r.pending_error = std::move(e);
      return error;
    }
    return Value(std::move(text));
  }
  std::optional<Value> get_attr(std::string_view attr) const override;
  std::string str() const override { return "<BlockReference " + string_repr(name_) + ">"; }

  std::string name_;
  size_t level_;
  std::weak_ptr<Scope> scope_;
};

}  // namespace

// A reference to block `name` at `level`, or an undefined when there is none.
Value block_reference(Renderer& r, const std::string& name, size_t level, const ScopePtr& scope) {
  auto it = r.blocks.find(name);
  if (it == r.blocks.end() || level >= it->second.size()) {
    return Value::undefined("there is no parent block called " + string_repr(name) + ".");
  }
  return Value::object(std::make_shared<BlockReference>(name, level, scope));
}

std::optional<Value> BlockReference::get_attr(std::string_view attr) const {
  if (attr != "super") return std::nullopt;
  // Resolved lazily: the block stack is only known while rendering.
  std::string name = name_;
  size_t level = level_ + 1;
  std::weak_ptr<Scope> scope = scope_;
  return Value::function("super", [name, level, scope](CallContext& ctx, CallArgs& args) -> Result<Value> {
    Renderer& r = renderer_of(ctx);
    Value ref = block_reference(r, name, level, scope.lock());
    if (ref.is_undefined()) return Error(ErrorCode::TemplateRuntime, ref.undefined_message());
    return ref.as_object().call(ctx, args);
  });
}

void Renderer::exec_body(const ast::Body& body, const ScopePtr& scope, std::string& out) {
  for (const auto& stmt : body) {
    exec(*stmt, scope, out);
    if (returning) return;
  }
}

namespace {
// Bodies whose statements may not take the exception-free return (see Renderer::returning).
struct NoFastReturn {
  explicit NoFastReturn(Renderer& r) : r(r), saved(r.fast_return_ok) { r.fast_return_ok = false; }
  ~NoFastReturn() { r.fast_return_ok = saved; }
  Renderer& r;
  bool saved;
};
}  // namespace

void Renderer::assign(const ast::Target& target, const Value& value, const ScopePtr& scope) {
  switch (target.kind) {
    case ast::Target::Kind::Name: scope->set(target.name, value); return;
    case ast::Target::Kind::Tuple: {
      std::vector<Value> items = iterate(value);
      if (items.size() < target.items.size()) {
        throw_runtime("not enough values to unpack (expected " + std::to_string(target.items.size()) + ", got " +
                      std::to_string(items.size()) + ")");
      }
      if (items.size() > target.items.size()) {
        throw_runtime("too many values to unpack (expected " + std::to_string(target.items.size()) + ")");
      }
      for (size_t i = 0; i < items.size(); ++i) assign(target.items[i], items[i], scope);
      return;
    }
    case ast::Target::Kind::NamespaceAttr: {
      Value ns = lookup(target.name, scope.get());
      const NamespaceObject* nso = ns.is_object() ? dynamic_cast<const NamespaceObject*>(&ns.as_object()) : nullptr;
      if (!nso) throw_runtime("cannot assign attribute on non-namespace object");
      nso->attrs().set(std::string_view(target.attr), value);
      note_insert(ns, value);
      return;
    }
  }
}

void Renderer::exec(const ast::Stmt& stmt, const ScopePtr& scope, std::string& out) {
  step();
  try {
    switch (stmt.kind) {
      case ast::StmtKind::Data: out += static_cast<const ast::Data&>(stmt).text; return;
      case ast::StmtKind::Print: {
        const ast::Expr& e = *static_cast<const ast::Print&>(stmt).expr;
        if (fast_return_ok && e.kind == ast::ExprKind::Call) statement_call = &e;
        Value v = eval(e, scope);
        statement_call = nullptr;
        if (returning) return;
        if (v.is_string()) {
          if (v.as_string().size() > 4096) charge(v.as_string().size());
          out += v.as_string();
        } else {
          if (v.is_undefined() && strict() && v.undefined_flavor() != Value::UndefinedFlavor::AlwaysLenient) locate_undefined(v, e);
          out += to_string(v);
        }
        return;
      }
      case ast::StmtKind::If: {
        const auto& node = static_cast<const ast::If&>(stmt);
        for (const auto& branch : node.branches) {
          if (truthy(eval(*branch.test, scope))) {
            exec_body(branch.body, scope, out);
            return;
          }
        }
        exec_body(node.else_body, scope, out);
        return;
      }
      case ast::StmtKind::For: exec_for(static_cast<const ast::For&>(stmt), scope, out); return;
      case ast::StmtKind::Set: {
        const auto& node = static_cast<const ast::Set&>(stmt);
        assign(node.target, eval(*node.value, scope), scope);
        return;
      }
      case ast::StmtKind::SetBlock: {
        const auto& node = static_cast<const ast::SetBlock&>(stmt);
        auto inner = std::make_shared<Scope>();
        inner->parent = scope;
        std::string text;
        {
          NoFastReturn guard(*this);
          exec_body(node.body, inner, text);
        }
        Value v(std::move(text));
        for (const auto& f : node.filters) {
          CallArgs args;
          eval_args(f->args, scope, args);
          v = apply_filter(f->name, v, args, scope.get(), f->span);
        }
        assign(node.target, v, scope);
        return;
      }
      case ast::StmtKind::Macro: {
        const auto& node = static_cast<const ast::Macro&>(stmt);
        scope->set(node.name, Value::callable(std::make_shared<MacroCallable>(current_shared_, &node, scope)));
        return;
      }
      case ast::StmtKind::CallBlock: {
        const auto& node = static_cast<const ast::CallBlock&>(stmt);
        Value caller = Value::callable(std::make_shared<MacroCallable>(current_shared_, node.caller.get(), scope));
        const ast::Call& call = *node.call;
        Value callee = eval(*call.callee, scope);
        CallArgs args;
        eval_args(call.args, scope, args);
        args.keyword.emplace_back("caller", caller);
        Value result;
        try {
          result = call_value(callee, args, scope.get(), call.span);
        } catch (RenderException& e) {
          if (!e.located) {
            e.located = true;
            e.tmpl = current_;
            e.span = call.span;
          }
          throw;
        }
        out += to_string(result);
        return;
      }
      case ast::StmtKind::FilterBlock: {
        const auto& node = static_cast<const ast::FilterBlock&>(stmt);
        auto inner = std::make_shared<Scope>();
        inner->parent = scope;
        std::string text;
        {
          NoFastReturn guard(*this);
          exec_body(node.body, inner, text);
        }
        Value v(std::move(text));
        for (const auto& f : node.filters) {
          CallArgs args;
          eval_args(f->args, scope, args);
          v = apply_filter(f->name, v, args, scope.get(), f->span);
        }
        out += to_string(v);
        return;
      }
      case ast::StmtKind::With: {
        const auto& node = static_cast<const ast::With&>(stmt);
        auto inner = std::make_shared<Scope>();
        inner->parent = scope;
        std::vector<Value> values;
        for (const auto& [target, expr] : node.assignments) values.push_back(eval(*expr, scope));
        for (size_t i = 0; i < values.size(); ++i) assign(node.assignments[i].first, values[i], inner);
        exec_body(node.body, inner, out);
        return;
      }
      case ast::StmtKind::Do: {
        const ast::Expr& e = *static_cast<const ast::Do&>(stmt).expr;
        if (fast_return_ok && e.kind == ast::ExprKind::Call) statement_call = &e;
        eval(e, scope);
        statement_call = nullptr;
        return;
      }
      case ast::StmtKind::Include: {
        const auto& node = static_cast<const ast::Include&>(stmt);
        std::shared_ptr<const Template> tmpl;
        load_template_value(eval(*node.name, scope), node.ignore_missing, tmpl);
        if (!tmpl) return;
        enter(stmt.span);
        struct Leave {
          Renderer& r;
          ~Leave() { r.leave(); }
        } leave_guard{*this};
        auto root = std::make_shared<Scope>();
        root->is_root = true;
        if (node.with_context) {
          root->parent = scope;
          // Jinja passes the including template's variables but not its `loop`.
          root->set("loop", Value::undefined("'loop' is undefined"));
        }
        auto saved = current_shared_;
        auto saved_blocks = std::move(blocks);
        blocks.clear();
        NoFastReturn no_fast_return(*this);
        try {
          render_template(tmpl, root, out);
        } catch (RenderException& e) {
          set_current_shared(saved);
          blocks = std::move(saved_blocks);
          if (e.located) e.frames.push_back({"included", current_, stmt.span});
          throw;
        }
        set_current_shared(saved);
        blocks = std::move(saved_blocks);
        return;
      }
      case ast::StmtKind::Import: {
        const auto& node = static_cast<const ast::Import&>(stmt);
        std::shared_ptr<const Template> tmpl;
        load_template_value(eval(*node.name, scope), false, tmpl);
        ScopePtr module;
        if (!node.with_context) {
          module = run_module(tmpl, Value());
        } else {
          module = std::make_shared<Scope>();
          module->is_root = true;
          module->parent = scope;
          std::string discard;
          auto saved = current_shared_;
          auto saved_blocks = std::move(blocks);
          blocks.clear();
          render_template(tmpl, module, discard);
          set_current_shared(saved);
          blocks = std::move(saved_blocks);
          keep_alive.push_back(module);
        }
        scope->set(node.alias, Value::object(std::make_shared<ModuleObject>(tmpl->name(), module)));
        return;
      }
      case ast::StmtKind::FromImport: {
        const auto& node = static_cast<const ast::FromImport&>(stmt);
        std::shared_ptr<const Template> tmpl;
        load_template_value(eval(*node.name, scope), false, tmpl);
        ScopePtr module;
        if (node.with_context) {
          module = std::make_shared<Scope>();
          module->is_root = true;
          module->parent = scope;
          std::string discard;
          auto saved = current_shared_;
          auto saved_blocks = std::move(blocks);
          blocks.clear();
          render_template(tmpl, module, discard);
          set_current_shared(saved);
          blocks = std::move(saved_blocks);
          keep_alive.push_back(module);
        } else {
          module = run_module(tmpl, Value());
        }
        for (const auto& [name, alias] : node.names) {
          if (const Value* v = module->find_local(name)) {
            scope->set(alias, *v);
          } else {
            scope->set(alias, Value::undefined("the template " + string_repr(tmpl->name()) +
                                               " does not export the requested name " + string_repr(name)));
          }
        }
        return;
      }
      case ast::StmtKind::Extends: {
        const auto& node = static_cast<const ast::Extends&>(stmt);
        if (extends_parent_) throw_runtime("extended multiple times");
        std::shared_ptr<const Template> tmpl;
        load_template_value(eval(*node.name, scope), false, tmpl);
        extends_parent_ = tmpl;
        return;
      }
      case ast::StmtKind::Block: {
        const auto& node = static_cast<const ast::Block&>(stmt);
        if (extends_parent_) return;  // the parent renders it
        render_block(node.name, 0, node.scoped ? scope : block_root_, out);
        return;
      }
      case ast::StmtKind::Break: throw LoopBreak{};
      case ast::StmtKind::Continue: throw LoopContinue{};
      case ast::StmtKind::CustomBody: {
        const auto& node = static_cast<const ast::CustomBody&>(stmt);
        const BlockTag* tag = env_.block_tag(node.header.tag);
        if (!tag || !tag->on_render) return;
        RenderCallContext ctx(*this, scope.get(), stmt.span);
        std::string_view raw = std::string_view(current_->source()->content).substr(node.body_span.offset, node.body_span.length);
        TagBlock block{node.header, raw, ctx.span(), [this, &node, &scope]() -> Result<std::string> {
                         std::string text;
                         NoFastReturn guard(*this);
                         try {
                           exec_body(node.body, scope, text);
                         } catch (RenderException& e) {
                           Error error = to_error(e, nullptr);
                           pending_error = std::move(e);
                           return error;
                         }
                         return text;
                       }};
        Result<Value> result = tag->on_render(ctx, block);
        if (pending_error) {
          RenderException e = std::move(*pending_error);
          pending_error.reset();
          if (!result.ok()) throw e;
        }
        if (!result.ok()) throw_runtime(result.error().message);
        if (!result->is_none()) out += to_string(*result);
        return;
      }
    }
  } catch (RenderException& e) {
    if (!e.located) {
      e.located = true;
      e.tmpl = current_;
      e.span = stmt.span;
    }
    throw;
  }
}

void Renderer::exec_for(const ast::For& node, const ScopePtr& scope, std::string& out) {
  Value iterable = eval(*node.iter, scope);
  run_loop(node, iterate(iterable), scope, out, 1);
}

std::vector<Value> Renderer::filter_loop_items(const ast::For& node, std::vector<Value> items, const ScopePtr& scope) {
  if (node.filter) {
    auto probe = std::make_shared<Scope>();
    probe->parent = scope;
    std::vector<Value> kept;
    for (Value& item : items) {
      probe->vars.clear();
      assign(node.target, item, probe);
      if (truthy(eval(*node.filter, probe))) kept.push_back(std::move(item));
    }
    items = std::move(kept);
  }
  return items;
}

void Renderer::run_loop(const ast::For& node, std::vector<Value> items, const ScopePtr& scope, std::string& out, int depth) {
  items = filter_loop_items(node, std::move(items), scope);
  if (items.empty()) {
    exec_body(node.else_body, scope, out);
    return;
  }
  // Jinja marks the loop as iterated at the end of a body run, so an iteration left by
  // break/continue does not count and the else block can still run.
  bool iterated = false;
  if (depth > 1) enter(node.span);
  struct Leave {
    Renderer& r;
    bool active;
    ~Leave() {
      if (active) r.leave();
    }
  } leave_guard{*this, depth > 1};
  auto loop = std::make_shared<LoopObject>(std::move(items), depth, node.recursive ? &node : nullptr, scope);
  Value loop_value = Value::object(loop);
  auto inner = std::make_shared<Scope>();
  inner->parent = scope;
  const auto& list = loop->items();
  for (size_t i = 0; i < list.size(); ++i) {
    step();
    loop->set_index(i);
    inner->vars.clear();
    assign(node.target, list[i], inner);
    inner->set("loop", loop_value);
    try {
      exec_body(node.body, inner, out);
      if (returning) return;
      iterated = true;
    } catch (LoopContinue&) {
      continue;
    } catch (LoopBreak&) {
      break;
    }
  }
  if (!iterated) exec_body(node.else_body, scope, out);
}

Value Renderer::load_template_value(const Value& name, bool ignore_missing, std::shared_ptr<const Template>& out) {
  out.reset();
  std::vector<Value> names;
  if (name.is_list()) {
    names = name.as_list().items;
  } else if (!name.is_none()) {
    names.push_back(name);
  }
  if (names.empty()) throw_error(ErrorKind::NotFound, "Tried to select from an empty list of templates.");
  std::string tried;
  for (const Value& n : names) {
    if (n.is_undefined()) check_defined(n, true);
    if (!n.is_string()) {
      if (n.is_object()) {
        // A template reference passed through (e.g. an imported module's template).
      }
      throw_runtime("template name must be a string, not " + n.type_name());
    }
    ErrorKind kind = ErrorKind::Runtime;
    auto loaded = env_.get_template(n.as_string(), &kind);
    if (loaded.ok()) {
      out = std::const_pointer_cast<Template>(*loaded);
      return Value();
    }
    if (kind != ErrorKind::NotFound) {
      RenderException e;
      e.kind = kind;
      e.message = loaded.error().message;
      if (loaded.error().span.known()) {
        e.external = loaded.error();
        e.located = true;
      }
      throw e;
    }
    if (!tried.empty()) tried += ", ";
    tried += n.as_string();
  }
  if (ignore_missing) return Value();
  if (names.size() == 1) throw_error(ErrorKind::NotFound, tried);
  throw_error(ErrorKind::NotFound, "none of the templates given were found: " + tried);
}

ScopePtr Renderer::run_module(std::shared_ptr<const Template> tmpl, Value context) {
  enter(ast::Span{});
  struct Leave {
    Renderer& r;
    ~Leave() { r.leave(); }
  } leave_guard{*this};
  ScopePtr root = make_root(std::move(context));
  auto saved = current_shared_;
  auto saved_blocks = std::move(blocks);
  blocks.clear();
  std::string discard;
  try {
    render_template(std::move(tmpl), root, discard);
  } catch (...) {
    set_current_shared(saved);
    blocks = std::move(saved_blocks);
    throw;
  }
  set_current_shared(saved);
  blocks = std::move(saved_blocks);
  keep_alive.push_back(root);
  return root;
}

void Renderer::render_template(std::shared_ptr<const Template> tmpl, ScopePtr root, std::string& out) {
  auto saved_parent = std::move(extends_parent_);
  auto saved_block_root = block_root_;
  extends_parent_.reset();
  block_root_ = root;
  root->set("self", Value::object(std::make_shared<SelfObject>(root)));
  int chain = 0;
  while (tmpl) {
    if (++chain > 64) throw_runtime("template inheritance chain too deep (does a template extend itself?)");
    set_current_shared(tmpl);
    for (const ast::Block* b : tmpl->root().blocks) blocks[b->name].push_back({b, tmpl});
    std::string discard;
    for (const auto& stmt : tmpl->root().body) {
      if (extends_parent_) {
        // After {% extends %}, Jinja does not evaluate the template's own output at all.
        if (stmt->kind == ast::StmtKind::Data || stmt->kind == ast::StmtKind::Print) continue;
        exec(*stmt, root, discard);
      } else {
        exec(*stmt, root, out);
      }
    }
    tmpl = std::move(extends_parent_);
    extends_parent_.reset();
  }
  extends_parent_ = std::move(saved_parent);
  block_root_ = saved_block_root;
}

void Renderer::render_block(const std::string& name, size_t level, const ScopePtr& scope, std::string& out) {
  auto it = blocks.find(name);
  if (it == blocks.end() || level >= it->second.size()) throw_runtime("there is no parent block called " + string_repr(name));
  const BlockEntry entry = it->second[level];
  if (entry.block->required) throw_runtime("Required block " + string_repr(name) + " not found");
  enter(entry.block->span);
  struct Leave {
    Renderer& r;
    ~Leave() { r.leave(); }
  } leave_guard{*this};
  auto inner = std::make_shared<Scope>();
  inner->parent = scope ? scope : block_root_;
  inner->set("super", block_reference(*this, name, level + 1, scope));
  auto saved = current_shared_;
  set_current_shared(entry.tmpl);
  NoFastReturn no_fast_return(*this);
  try {
    exec_body(entry.block->body, inner, out);
  } catch (...) {
    set_current_shared(saved);
    throw;
  }
  set_current_shared(saved);
}

}  // namespace strata::jinja
