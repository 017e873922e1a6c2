#include "jinja/macro_calls.h"

#include <deque>
#include <set>

namespace strata::jinja {

namespace {

class CallCollector {
 public:
  explicit CallCollector(const std::vector<std::string>& prefixes) : prefixes_(prefixes) {}

  void body(const ast::Body& statements) {
    for (const auto& s : statements) stmt(*s);
  }

  std::vector<std::string> names;

 private:
  void add(std::string name) {
    if (seen_.insert(name).second) names.push_back(std::move(name));
  }

  const std::string* constant_string(const ast::Expr* e) {
    if (!e || e->kind != ast::ExprKind::Const) return nullptr;
    const Value& v = static_cast<const ast::Const&>(*e).value;
    if (!v.is_string()) return nullptr;
    held_.push_back(v.str());
    return &held_.back();
  }

  // adapter.dispatch('name', 'package') or adapter.dispatch('name', macro_namespace='package')
  void dispatch(const ast::Call& call) {
    const std::string* name = constant_string(call.args.positional.empty() ? nullptr : call.args.positional[0].get());
    if (!name) return;
    const std::string* package =
        constant_string(call.args.positional.size() > 1 ? call.args.positional[1].get() : nullptr);
    for (const auto& [key, value] : call.args.keyword)
      if (key == "macro_namespace") package = constant_string(value.get());
    for (const auto& prefix : prefixes_) add((package ? *package + "." : std::string()) + prefix + "__" + *name);
  }

  void callee(const ast::Call& call) {
    const ast::Expr& c = *call.callee;
    if (c.kind == ast::ExprKind::Name) {
      add(static_cast<const ast::Name&>(c).name);
    } else if (c.kind == ast::ExprKind::Getattr) {
      const auto& g = static_cast<const ast::Getattr&>(c);
      if (g.object->kind != ast::ExprKind::Name) return;
      const std::string& object = static_cast<const ast::Name&>(*g.object).name;
      if (object == "adapter" && g.attr == "dispatch") dispatch(call);
      else add(object + "." + g.attr);
    }
  }

  void args(const ast::Args& a) {
    for (const auto& e : a.positional) expr(e.get());
    for (const auto& [key, e] : a.keyword) expr(e.get());
    expr(a.dyn_args.get());
    expr(a.dyn_kwargs.get());
  }

  void expr(const ast::Expr* e) {
    if (!e) return;
    switch (e->kind) {
      case ast::ExprKind::Const:
      case ast::ExprKind::Name:
        return;
      case ast::ExprKind::List:
      case ast::ExprKind::Tuple:
        for (const auto& item : static_cast<const ast::Sequence&>(*e).items) expr(item.get());
        return;
      case ast::ExprKind::Dict:
        for (const auto& [k, v] : static_cast<const ast::DictLit&>(*e).items) expr(k.get()), expr(v.get());
        return;
      case ast::ExprKind::Unary: expr(static_cast<const ast::Unary&>(*e).operand.get()); return;
      case ast::ExprKind::Binary:
      case ast::ExprKind::And:
      case ast::ExprKind::Or: {
        const auto& b = static_cast<const ast::Binary&>(*e);
        expr(b.left.get());
        expr(b.right.get());
        return;
      }
      case ast::ExprKind::Compare: {
        const auto& c = static_cast<const ast::Compare&>(*e);
        expr(c.first.get());
        for (const auto& operand : c.rest) expr(operand.expr.get());
        return;
      }
      case ast::ExprKind::Cond: {
        const auto& c = static_cast<const ast::Cond&>(*e);
        expr(c.test.get());
        expr(c.if_true.get());
        expr(c.if_false.get());
        return;
      }
      case ast::ExprKind::Getattr: expr(static_cast<const ast::Getattr&>(*e).object.get()); return;
      case ast::ExprKind::Getitem: {
        const auto& g = static_cast<const ast::Getitem&>(*e);
        expr(g.object.get());
        expr(g.key.get());
        return;
      }
      case ast::ExprKind::Slice: {
        const auto& s = static_cast<const ast::Slice&>(*e);
        for (const auto* part : {s.object.get(), s.start.get(), s.stop.get(), s.step.get()}) expr(part);
        return;
      }
      case ast::ExprKind::Call: {
        const auto& c = static_cast<const ast::Call&>(*e);
        callee(c);
        expr(c.callee.get());
        args(c.args);
        return;
      }
      case ast::ExprKind::Filter: {
        const auto& f = static_cast<const ast::Filter&>(*e);
        expr(f.input.get());
        args(f.args);
        return;
      }
      case ast::ExprKind::Test: {
        const auto& t = static_cast<const ast::Test&>(*e);
        expr(t.input.get());
        args(t.args);
        return;
      }
    }
  }

  void filters(const std::vector<std::unique_ptr<ast::Filter>>& list) {
    for (const auto& f : list) expr(f.get());
  }

  void stmt(const ast::Stmt& s) {
    using K = ast::StmtKind;
    switch (s.kind) {
      case K::Data:
      case K::Break:
      case K::Continue:
        return;
      case K::Print: expr(static_cast<const ast::Print&>(s).expr.get()); return;
      case K::Do: expr(static_cast<const ast::Do&>(s).expr.get()); return;
      case K::If:
        for (const auto& branch : static_cast<const ast::If&>(s).branches) {
          expr(branch.test.get());
          body(branch.body);
        }
        body(static_cast<const ast::If&>(s).else_body);
        return;
      case K::For: {
        const auto& f = static_cast<const ast::For&>(s);
        expr(f.iter.get());
        expr(f.filter.get());
        body(f.body);
        body(f.else_body);
        return;
      }
      case K::Set: expr(static_cast<const ast::Set&>(s).value.get()); return;
      case K::SetBlock:
        filters(static_cast<const ast::SetBlock&>(s).filters);
        body(static_cast<const ast::SetBlock&>(s).body);
        return;
      case K::Macro: {
        const auto& m = static_cast<const ast::Macro&>(s);
        for (const auto& p : m.params) expr(p.default_value.get());
        body(m.body);
        return;
      }
      case K::CallBlock: {
        const auto& c = static_cast<const ast::CallBlock&>(s);
        if (c.call) expr(c.call.get());
        if (c.caller) stmt(*c.caller);
        return;
      }
      case K::FilterBlock:
        filters(static_cast<const ast::FilterBlock&>(s).filters);
        body(static_cast<const ast::FilterBlock&>(s).body);
        return;
      case K::With: {
        const auto& w = static_cast<const ast::With&>(s);
        for (const auto& [target, value] : w.assignments) expr(value.get());
        body(w.body);
        return;
      }
      case K::Include: expr(static_cast<const ast::Include&>(s).name.get()); return;
      case K::Import: expr(static_cast<const ast::Import&>(s).name.get()); return;
      case K::FromImport: expr(static_cast<const ast::FromImport&>(s).name.get()); return;
      case K::Extends: expr(static_cast<const ast::Extends&>(s).name.get()); return;
      case K::Block: body(static_cast<const ast::Block&>(s).body); return;
      case K::CustomBody: body(static_cast<const ast::CustomBody&>(s).body); return;
    }
  }

  const std::vector<std::string>& prefixes_;
  std::set<std::string> seen_;
  std::deque<std::string> held_;
};

}  // namespace

std::vector<std::string> static_macro_calls(const ast::Body& body, const std::vector<std::string>& adapter_prefixes) {
  CallCollector collector(adapter_prefixes);
  collector.body(body);
  return std::move(collector.names);
}

}  // namespace strata::jinja
