#pragma once
// The template syntax tree. Nodes keep byte offsets into the source; line/column are only
// computed when an error is reported.
#include <memory>
#include <string>
#include <vector>

#include "jinja/block_tag.h"
#include "jinja/value.h"

namespace strata::jinja::ast {

struct Span {
  uint32_t offset = 0;
  uint32_t length = 1;
};

// ---------------- expressions ----------------

enum class ExprKind : uint8_t {
  Const, Name, List, Tuple, Dict, Unary, Binary, And, Or, Compare, Cond,
  Getattr, Getitem, Slice, Call, Filter, Test,
};

struct Expr {
  explicit Expr(ExprKind k, Span s) : kind(k), span(s) {}
  virtual ~Expr() = default;
  ExprKind kind;
  Span span;
};
using ExprPtr = std::unique_ptr<Expr>;

struct Const : Expr {
  Const(Span s, Value v) : Expr(ExprKind::Const, s), value(std::move(v)) {}
  Value value;
};

struct Name : Expr {
  Name(Span s, std::string n) : Expr(ExprKind::Name, s), name(std::move(n)) {}
  std::string name;
};

// List, Tuple
struct Sequence : Expr {
  Sequence(ExprKind k, Span s) : Expr(k, s) {}
  std::vector<ExprPtr> items;
};

struct DictLit : Expr {
  explicit DictLit(Span s) : Expr(ExprKind::Dict, s) {}
  std::vector<std::pair<ExprPtr, ExprPtr>> items;
};

enum class UnaryOp : uint8_t { Neg, Pos, Not };
struct Unary : Expr {
  Unary(Span s, UnaryOp o, ExprPtr e) : Expr(ExprKind::Unary, s), op(o), operand(std::move(e)) {}
  UnaryOp op;
  ExprPtr operand;
};

enum class BinaryOp : uint8_t { Add, Sub, Mul, Div, FloorDiv, Mod, Pow, Concat };
struct Binary : Expr {
  Binary(ExprKind k, Span s, BinaryOp o, ExprPtr l, ExprPtr r)
      : Expr(k, s), op(o), left(std::move(l)), right(std::move(r)) {}
  BinaryOp op;  // unused for And/Or
  ExprPtr left, right;
};

enum class CompareOp : uint8_t { Eq, Ne, Lt, Le, Gt, Ge, In, NotIn };
struct Compare : Expr {
  Compare(Span s, ExprPtr e) : Expr(ExprKind::Compare, s), first(std::move(e)) {}
  ExprPtr first;
  struct Operand {
    CompareOp op;
    ExprPtr expr;
  };
  std::vector<Operand> rest;
};

struct Cond : Expr {
  Cond(Span s) : Expr(ExprKind::Cond, s) {}
  ExprPtr test, if_true, if_false;  // if_false may be null
};

struct Getattr : Expr {
  Getattr(Span s, ExprPtr o, std::string a) : Expr(ExprKind::Getattr, s), object(std::move(o)), attr(std::move(a)) {}
  ExprPtr object;
  std::string attr;
};

struct Getitem : Expr {
  Getitem(Span s, ExprPtr o, ExprPtr k) : Expr(ExprKind::Getitem, s), object(std::move(o)), key(std::move(k)) {}
  ExprPtr object, key;
};

struct Slice : Expr {
  Slice(Span s, ExprPtr o) : Expr(ExprKind::Slice, s), object(std::move(o)) {}
  ExprPtr object, start, stop, step;  // any may be null
};

struct Args {
  std::vector<ExprPtr> positional;
  std::vector<std::pair<std::string, ExprPtr>> keyword;
  ExprPtr dyn_args;    // *args
  ExprPtr dyn_kwargs;  // **kwargs
};

struct Call : Expr {
  Call(Span s, ExprPtr c) : Expr(ExprKind::Call, s), callee(std::move(c)) {}
  ExprPtr callee;
  Args args;
};

struct Filter : Expr {
  Filter(Span s, ExprPtr in, std::string n) : Expr(ExprKind::Filter, s), input(std::move(in)), name(std::move(n)) {}
  ExprPtr input;  // null inside {% filter %} blocks and block sets (the body is the input)
  std::string name;
  Args args;
};

struct Test : Expr {
  Test(Span s, ExprPtr in, std::string n) : Expr(ExprKind::Test, s), input(std::move(in)), name(std::move(n)) {}
  ExprPtr input;
  std::string name;
  Args args;
  bool negated = false;
};

// ---------------- statements ----------------

enum class StmtKind : uint8_t {
  Data, Print, If, For, Set, SetBlock, Macro, CallBlock, FilterBlock, With, Do,
  Include, Import, FromImport, Extends, Block, Break, Continue, CustomBody,
};

struct Stmt {
  Stmt(StmtKind k, Span s) : kind(k), span(s) {}
  virtual ~Stmt() = default;
  StmtKind kind;
  Span span;
};
using StmtPtr = std::unique_ptr<Stmt>;
using Body = std::vector<StmtPtr>;

struct Data : Stmt {
  Data(Span s, std::string t) : Stmt(StmtKind::Data, s), text(std::move(t)) {}
  std::string text;
};

struct Print : Stmt {
  Print(Span s, ExprPtr e) : Stmt(StmtKind::Print, s), expr(std::move(e)) {}
  ExprPtr expr;
};

struct If : Stmt {
  explicit If(Span s) : Stmt(StmtKind::If, s) {}
  struct Branch {
    ExprPtr test;
    Body body;
  };
  std::vector<Branch> branches;
  Body else_body;
};

// Assignment target: a name, a tuple of targets, or namespace attribute (ns.attr).
struct Target {
  enum class Kind : uint8_t { Name, Tuple, NamespaceAttr } kind = Kind::Name;
  std::string name;  // Name, or the namespace variable
  std::string attr;  // NamespaceAttr
  std::vector<Target> items;
  Span span;
};

struct For : Stmt {
  explicit For(Span s) : Stmt(StmtKind::For, s) {}
  Target target;
  ExprPtr iter;
  ExprPtr filter;  // inline `if`
  bool recursive = false;
  Body body, else_body;
};

struct Set : Stmt {
  explicit Set(Span s) : Stmt(StmtKind::Set, s) {}
  Target target;
  ExprPtr value;
};

struct SetBlock : Stmt {
  explicit SetBlock(Span s) : Stmt(StmtKind::SetBlock, s) {}
  Target target;
  std::vector<std::unique_ptr<Filter>> filters;  // applied in order
  Body body;
};

struct Param {
  std::string name;
  ExprPtr default_value;  // may be null
  std::string default_source;
};

struct Macro : Stmt {
  explicit Macro(Span s) : Stmt(StmtKind::Macro, s) {}
  std::string name;
  std::vector<Param> params;
  Body body;
  bool catch_varargs = false, catch_kwargs = false, uses_caller = false;
  bool is_call_block = false;  // the body of a {% call %} (its .name is None)
};

struct CallBlock : Stmt {
  explicit CallBlock(Span s) : Stmt(StmtKind::CallBlock, s) {}
  std::unique_ptr<Call> call;
  std::shared_ptr<Macro> caller;  // the body as a macro named "caller"
};

struct FilterBlock : Stmt {
  explicit FilterBlock(Span s) : Stmt(StmtKind::FilterBlock, s) {}
  std::vector<std::unique_ptr<Filter>> filters;
  Body body;
};

struct With : Stmt {
  explicit With(Span s) : Stmt(StmtKind::With, s) {}
  std::vector<std::pair<Target, ExprPtr>> assignments;
  Body body;
};

struct Do : Stmt {
  Do(Span s, ExprPtr e) : Stmt(StmtKind::Do, s), expr(std::move(e)) {}
  ExprPtr expr;
};

struct Include : Stmt {
  explicit Include(Span s) : Stmt(StmtKind::Include, s) {}
  ExprPtr name;
  bool ignore_missing = false;
  bool with_context = true;
};

struct Import : Stmt {
  explicit Import(Span s) : Stmt(StmtKind::Import, s) {}
  ExprPtr name;
  std::string alias;
  bool with_context = false;
};

struct FromImport : Stmt {
  explicit FromImport(Span s) : Stmt(StmtKind::FromImport, s) {}
  ExprPtr name;
  std::vector<std::pair<std::string, std::string>> names;  // (name, alias)
  bool with_context = false;
};

struct Extends : Stmt {
  Extends(Span s, ExprPtr e) : Stmt(StmtKind::Extends, s), name(std::move(e)) {}
  ExprPtr name;
};

struct Block : Stmt {
  explicit Block(Span s) : Stmt(StmtKind::Block, s) {}
  std::string name;
  bool scoped = false, required = false;
  Body body;
};

struct LoopControl : Stmt {
  LoopControl(StmtKind k, Span s) : Stmt(k, s) {}
};

struct CustomBody : Stmt {
  explicit CustomBody(Span s) : Stmt(StmtKind::CustomBody, s) {}
  TagHeader header;
  Span body_span;  // raw body text in the source
  Body body;
};

struct TemplateNode {
  Body body;
  // Blocks by name (pointing into body), for extends/self/super.
  std::vector<const Block*> blocks;
  bool has_extends = false;
};

}  // namespace strata::jinja::ast
