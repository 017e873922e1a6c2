#include "jinja/parser.h"

#include <algorithm>
#include <functional>
#include <initializer_list>

#include "jinja/environment.h"
#include "jinja/lexer.h"

namespace strata::jinja {

namespace {

using namespace ast;

struct ParseFailure {
  SyntaxError error;
};

class Parser {
 public:
  Parser(std::string_view source, std::vector<Token> tokens, const Environment* env)
      : src_(source), tokens_(std::move(tokens)), env_(env) {}

  std::unique_ptr<TemplateNode> parse() {
    auto node = std::make_unique<TemplateNode>();
    node->body = subparse({});
    node->has_extends = has_extends_;
    node->blocks = std::move(blocks_);
    return node;
  }

 private:
  // ---------------- token stream ----------------
  const Token& cur() const { return tokens_[pos_]; }
  const Token& peek(size_t ahead = 1) const { return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)]; }
  void next() {
    if (pos_ + 1 < tokens_.size()) ++pos_;
  }
  uint32_t prev_end() const {
    if (pos_ == 0) return 0;
    const Token& t = tokens_[pos_ - 1];
    return t.offset + t.length;
  }
  Span span_from(uint32_t start) const {
    uint32_t end = prev_end();
    return Span{start, end > start ? end - start : 1};
  }
  Span tok_span(const Token& t) const { return Span{t.offset, t.length ? t.length : 1}; }

  [[noreturn]] void fail(std::string message, Span span) { throw ParseFailure{SyntaxError{std::move(message), span.offset, span.length}}; }
  [[noreturn]] void fail_here(std::string message) { fail(std::move(message), tok_span(cur())); }

  bool is_op(const char* op) const { return cur().is_op(op); }
  bool is_name(const char* name) const { return cur().is_name(name); }
  bool skip_op(const char* op) {
    if (!is_op(op)) return false;
    next();
    return true;
  }
  bool skip_name(const char* name) {
    if (!is_name(name)) return false;
    next();
    return true;
  }
  void expect_op(const char* op) {
    if (!skip_op(op)) fail_here(std::string("expected token '") + op + "', got " + describe_token(cur()));
  }
  void expect_name(const char* name) {
    if (!skip_name(name)) fail_here(std::string("expected token '") + name + "', got " + describe_token(cur()));
  }
  std::string expect_identifier() {
    if (cur().type != TokenType::Name) fail_here("expected token 'name', got " + describe_token(cur()));
    std::string name = cur().text;
    next();
    return name;
  }
  void expect_block_end() {
    if (cur().type != TokenType::BlockEnd) fail_here("expected token 'end of statement block', got " + describe_token(cur()));
    next();
  }

  // ---------------- template structure ----------------
  Body subparse(std::initializer_list<const char*> end_names, const char* open_tag = nullptr) {
    if (++nesting_ > kMaxDepth) fail_here("statements nested too deeply");
    struct Leave {
      int& n;
      ~Leave() { --n; }
    } leave{nesting_};
    Body body;
    while (true) {
      const Token& t = cur();
      switch (t.type) {
        case TokenType::Data:
          body.push_back(std::make_unique<ast::Data>(tok_span(t), t.text));
          next();
          break;
        case TokenType::VarBegin: {
          next();
          uint32_t start = cur().offset;
          ExprPtr expr = parse_tuple();
          if (cur().type != TokenType::VarEnd) fail_here("expected token 'end of print statement', got " + describe_token(cur()));
          next();
          body.push_back(std::make_unique<Print>(span_from(start), std::move(expr)));
          report_unknown();
          break;
        }
        case TokenType::BlockBegin: {
          next();
          if (cur().type == TokenType::Name) {
            for (const char* name : end_names) {
              if (cur().text == name) return body;
            }
          }
          uint32_t tag_start = tokens_[pos_ - 1].offset;
          StmtPtr stmt = parse_statement(end_names, open_tag);
          // Statements point at their whole opening tag, from "{%".
          if (stmt->span.offset > tag_start) {
            stmt->span.length += stmt->span.offset - tag_start;
            stmt->span.offset = tag_start;
          }
          body.push_back(std::move(stmt));
          report_unknown();
          break;
        }
        case TokenType::Eof:
          if (end_names.size() != 0) {
            std::string expected;
            for (const char* name : end_names) {
              if (!expected.empty()) expected += " or ";
              expected += std::string("'") + name + "'";
            }
            fail("Unexpected end of template. Jinja was looking for the following tags: " + expected +
                     ". The innermost block that needs to be closed is '" + (open_tag ? open_tag : "?") + "'.",
                 tok_span(t));
          }
          return body;
        default:
          fail_here("unexpected " + describe_token(t));
      }
    }
  }

  StmtPtr parse_statement(std::initializer_list<const char*> outer_end, const char* outer_tag) {
    const Token& t = cur();
    if (t.type != TokenType::Name) fail_here("tag name expected");
    const std::string tag = t.text;
    uint32_t start = t.offset;
    if (tag == "for") return parse_for();
    if (tag == "if") return parse_if();
    if (tag == "set") return parse_set();
    if (tag == "macro") return parse_macro();
    if (tag == "call") return parse_call_block();
    if (tag == "filter") return parse_filter_block();
    if (tag == "with") return parse_with();
    if (tag == "do") {
      next();
      ExprPtr e = parse_tuple();
      expect_block_end();
      return std::make_unique<Do>(span_from(start), std::move(e));
    }
    if (tag == "include") return parse_include();
    if (tag == "import") return parse_import();
    if (tag == "from") return parse_from();
    if (tag == "extends") {
      next();
      ExprPtr e = parse_expression();
      Span s = span_from(start);
      expect_block_end();
      has_extends_ = true;
      return std::make_unique<Extends>(s, std::move(e));
    }
    if (tag == "block") return parse_block();
    if (tag == "break" || tag == "continue") {
      if (loop_depth_ == 0) fail_here("'" + tag + "' outside of a loop");
      next();
      Span s = span_from(start);
      expect_block_end();
      return std::make_unique<LoopControl>(tag == "break" ? StmtKind::Break : StmtKind::Continue, s);
    }
    if (env_) {
      if (const BlockTag* custom = env_->block_tag(tag)) return parse_custom(*custom);
    }
    std::string message = "Encountered unknown tag '" + tag + "'.";
    if (outer_end.size() != 0) {
      message += " Jinja was looking for the following tags: ";
      bool first = true;
      for (const char* n : outer_end) {
        if (!first) message += " or ";
        first = false;
        message += std::string("'") + n + "'";
      }
      message += std::string(". The innermost block that needs to be closed is '") + (outer_tag ? outer_tag : "?") + "'.";
    }
    fail_here(message);
  }

  StmtPtr parse_for() {
    SoftReset soft_reset(soft_);
    uint32_t start = cur().offset;
    next();
    auto node = std::make_unique<For>(Span{start, 3});
    Span target_span = tok_span(cur());
    node->target = parse_target(true, {"in"});
    std::function<bool(const Target&)> assigns_loop = [&](const Target& t) {
      if (t.kind == Target::Kind::Name) return t.name == "loop";
      for (const Target& item : t.items) {
        if (assigns_loop(item)) return true;
      }
      return false;
    };
    if (assigns_loop(node->target)) fail("Can't assign to special loop variable in for-loop target", target_span);
    expect_name("in");
    node->iter = parse_tuple(false, false, {"recursive"});
    if (skip_name("if")) node->filter = parse_expression();
    node->recursive = skip_name("recursive");
    node->span = span_from(start);
    expect_block_end();
    ++loop_depth_;
    node->body = subparse({"endfor", "else"}, "for");
    --loop_depth_;
    if (skip_name("else")) {
      expect_block_end();
      node->else_body = subparse({"endfor"}, "for");
      next();
    } else {
      next();
    }
    expect_block_end();
    return node;
  }

  StmtPtr parse_if() {
    uint32_t start = cur().offset;
    ++soft_;
    struct Dec {
      int& n;
      ~Dec() { --n; }
    } dec{soft_};
    next();
    auto node = std::make_unique<If>(Span{start, 2});
    If::Branch branch;
    branch.test = parse_tuple(false, false);
    node->span = span_from(start);
    expect_block_end();
    branch.body = subparse({"elif", "else", "endif"}, "if");
    node->branches.push_back(std::move(branch));
    while (true) {
      if (skip_name("elif")) {
        If::Branch b;
        b.test = parse_tuple(false, false);
        expect_block_end();
        b.body = subparse({"elif", "else", "endif"}, "if");
        node->branches.push_back(std::move(b));
      } else if (skip_name("else")) {
        expect_block_end();
        node->else_body = subparse({"endif"}, "if");
        next();
        break;
      } else {
        next();  // endif
        break;
      }
    }
    expect_block_end();
    return node;
  }

  StmtPtr parse_set() {
    uint32_t start = cur().offset;
    next();
    Target target = parse_target(true, {}, true);
    if (skip_op("=")) {
      auto node = std::make_unique<Set>(span_from(start));
      node->target = std::move(target);
      node->value = parse_tuple();
      expect_block_end();
      return node;
    }
    auto node = std::make_unique<SetBlock>(span_from(start));
    node->target = std::move(target);
    node->filters = parse_filter_chain();
    expect_block_end();
    node->body = subparse({"endset"}, "set");
    next();
    expect_block_end();
    return node;
  }

  std::vector<Param> parse_signature() {
    std::vector<Param> params;
    expect_op("(");
    while (!is_op(")")) {
      if (!params.empty()) expect_op(",");
      if (is_op(")")) break;
      Param p;
      Span s = tok_span(cur());
      p.name = expect_identifier();
      if (p.name == "true" || p.name == "false" || p.name == "none" || p.name == "True" || p.name == "False" || p.name == "None") {
        fail("can't assign to '" + p.name + "'", s);
      }
      if (skip_op("=")) {
        uint32_t ds = cur().offset;
        p.default_value = parse_expression();
        p.default_source = std::string(src_.substr(ds, prev_end() - ds));
      } else if (!params.empty() && params.back().default_value) {
        fail("non-default argument follows default argument", s);
      }
      params.push_back(std::move(p));
    }
    next();
    return params;
  }

  void mark_special_names(Macro& macro) {
    walk_body(macro.body, [&](const std::string& name) {
      if (name == "varargs") macro.catch_varargs = true;
      if (name == "kwargs") macro.catch_kwargs = true;
      if (name == "caller") macro.uses_caller = true;
    });
  }

  StmtPtr parse_macro() {
    SoftReset soft_reset(soft_);
    uint32_t start = cur().offset;
    next();
    auto node = std::make_unique<Macro>(Span{start, 5});
    node->name = expect_identifier();
    node->params = parse_signature();
    node->span = span_from(start);
    expect_block_end();
    int saved_loop = loop_depth_;
    loop_depth_ = 0;
    node->body = subparse({"endmacro"}, "macro");
    loop_depth_ = saved_loop;
    next();
    expect_block_end();
    mark_special_names(*node);
    return node;
  }

  StmtPtr parse_call_block() {
    SoftReset soft_reset(soft_);
    uint32_t start = cur().offset;
    next();
    auto node = std::make_unique<CallBlock>(Span{start, 4});
    auto caller = std::make_shared<Macro>(Span{start, 4});
    caller->name = "caller";
    caller->is_call_block = true;
    if (is_op("(")) caller->params = parse_signature();
    uint32_t call_start = cur().offset;
    ExprPtr expr = parse_expression();
    if (expr->kind != ExprKind::Call) fail("expected call", span_from(call_start));
    node->call.reset(static_cast<Call*>(expr.release()));
    node->span = span_from(start);
    expect_block_end();
    int saved_loop = loop_depth_;
    loop_depth_ = 0;
    caller->body = subparse({"endcall"}, "call");
    loop_depth_ = saved_loop;
    next();
    expect_block_end();
    mark_special_names(*caller);
    node->caller = std::move(caller);
    return node;
  }

  StmtPtr parse_filter_block() {
    uint32_t start = cur().offset;
    next();
    auto node = std::make_unique<FilterBlock>(Span{start, 6});
    if (!is_op("|") && cur().type != TokenType::Name) fail_here("expected filter name");
    node->filters = parse_filter_chain(true);
    node->span = span_from(start);
    expect_block_end();
    node->body = subparse({"endfilter"}, "filter");
    next();
    expect_block_end();
    return node;
  }

  StmtPtr parse_with() {
    uint32_t start = cur().offset;
    next();
    auto node = std::make_unique<With>(Span{start, 4});
    while (cur().type != TokenType::BlockEnd) {
      if (!node->assignments.empty()) expect_op(",");
      Target t = parse_target(false, {});
      expect_op("=");
      node->assignments.emplace_back(std::move(t), parse_expression());
    }
    node->span = span_from(start);
    expect_block_end();
    node->body = subparse({"endwith"}, "with");
    next();
    expect_block_end();
    return node;
  }

  // `with context` / `without context` if present.
  bool parse_context(bool& with_context) {
    if ((is_name("with") || is_name("without")) && peek().is_name("context")) {
      with_context = is_name("with");
      next();
      next();
      return true;
    }
    return false;
  }

  StmtPtr parse_include() {
    uint32_t start = cur().offset;
    next();
    auto node = std::make_unique<Include>(Span{start, 7});
    node->name = parse_expression();
    if (is_name("ignore") && peek().is_name("missing")) {
      next();
      next();
      node->ignore_missing = true;
    }
    parse_context(node->with_context);
    node->span = span_from(start);
    expect_block_end();
    return node;
  }

  StmtPtr parse_import() {
    uint32_t start = cur().offset;
    next();
    auto node = std::make_unique<Import>(Span{start, 6});
    node->name = parse_expression();
    expect_name("as");
    node->alias = expect_identifier();
    parse_context(node->with_context);
    node->span = span_from(start);
    expect_block_end();
    return node;
  }

  StmtPtr parse_from() {
    uint32_t start = cur().offset;
    next();
    auto node = std::make_unique<FromImport>(Span{start, 4});
    node->name = parse_expression();
    expect_name("import");
    while (true) {
      if (!node->names.empty()) expect_op(",");
      if (cur().type != TokenType::Name) fail_here("expected token 'name', got " + describe_token(cur()));
      if (parse_context(node->with_context)) break;
      Span s = tok_span(cur());
      std::string name = expect_identifier();
      if (!name.empty() && name[0] == '_') fail("names starting with an underline can not be imported", s);
      std::string alias = name;
      if (skip_name("as")) alias = expect_identifier();
      node->names.emplace_back(name, alias);
      if (parse_context(node->with_context) || !is_op(",")) break;
    }
    node->span = span_from(start);
    expect_block_end();
    return node;
  }

  StmtPtr parse_block() {
    SoftReset soft_reset(soft_);
    uint32_t start = cur().offset;
    next();
    auto node = std::make_unique<Block>(Span{start, 5});
    Span name_span = tok_span(cur());
    node->name = expect_identifier();
    while (cur().type == TokenType::Name) {
      if (skip_name("scoped")) {
        node->scoped = true;
      } else if (skip_name("required")) {
        node->required = true;
      } else {
        break;
      }
    }
    node->span = span_from(start);
    expect_block_end();
    for (const Block* b : blocks_) {
      if (b->name == node->name) fail("block '" + node->name + "' defined twice", name_span);
    }
    int saved_loop = loop_depth_;
    loop_depth_ = 0;
    node->body = subparse({"endblock"}, "block");
    loop_depth_ = saved_loop;
    next();
    if (cur().type == TokenType::Name) {
      if (cur().text != node->name) fail_here("mismatched block name '" + cur().text + "'");
      next();
    }
    expect_block_end();
    blocks_.push_back(node.get());
    return node;
  }

  Value literal_value(const Expr& e) {
    switch (e.kind) {
      case ExprKind::Const: return static_cast<const Const&>(e).value;
      case ExprKind::List:
      case ExprKind::Tuple: {
        std::vector<Value> items;
        for (const auto& item : static_cast<const Sequence&>(e).items) items.push_back(literal_value(*item));
        return e.kind == ExprKind::Tuple ? Value::tuple(std::move(items)) : Value::list(std::move(items));
      }
      case ExprKind::Dict: {
        Value d = Value::dict();
        for (const auto& [k, v] : static_cast<const DictLit&>(e).items) d.as_dict().set(literal_value(*k), literal_value(*v));
        return d;
      }
      default: fail("expected a literal value", e.span);
    }
  }

  StmtPtr parse_custom(const BlockTag& tag) {
    uint32_t start = cur().offset;
    next();
    TagHeader header;
    header.tag = tag.name;
    header.name = expect_identifier();
    if (is_op("(")) {
      header.has_params = true;
      std::vector<Param> params = parse_signature();
      custom_params_ = std::move(params);
    } else {
      custom_params_.clear();
    }
    while (skip_op(",")) {
      TagOption option;
      option.key = expect_identifier();
      if (skip_op("=")) {
        ExprPtr e = parse_expression();
        option.value = literal_value(*e);
      } else {
        option.value = Value(true);
      }
      header.options.push_back(std::move(option));
    }
    for (const Param& p : custom_params_) header.params.push_back(MacroParam{p.name, p.default_value != nullptr, p.default_source});
    Span head_span = span_from(start);
    expect_block_end();
    std::vector<Param> params = std::move(custom_params_);
    std::string end_name = "end" + tag.name;
    uint32_t body_start = prev_end();
    const char* end_c = end_name.c_str();
    Body body = subparse({end_c}, tag.name.c_str());
    uint32_t body_end = tokens_[pos_ - 1].offset;
    next();
    expect_block_end();
    if (tag.kind == BlockTag::Kind::Macro) {
      auto macro = std::make_unique<Macro>(head_span);
      if (!tag.macro_name) fail("block tag '" + tag.name + "' has no macro name function", head_span);
      auto name = tag.macro_name(header);
      if (!name) fail(name.error().message, head_span);
      macro->name = *name;
      macro->params = std::move(params);
      macro->body = std::move(body);
      mark_special_names(*macro);
      return macro;
    }
    auto node = std::make_unique<CustomBody>(head_span);
    node->header = std::move(header);
    node->body_span = Span{body_start, body_end > body_start ? body_end - body_start : 0};
    node->body = std::move(body);
    return node;
  }

  // ---------------- assignment targets ----------------
  Target parse_target(bool with_tuple, std::initializer_list<const char*> extra_end, bool with_namespace = false) {
    Target first = parse_single_target(with_namespace);
    if (!with_tuple || !is_op(",")) return first;
    Target tuple;
    tuple.kind = Target::Kind::Tuple;
    tuple.span = first.span;
    tuple.items.push_back(std::move(first));
    while (skip_op(",")) {
      if (cur().type == TokenType::BlockEnd || is_op("=") || is_op(")")) break;
      bool end = false;
      for (const char* n : extra_end) end = end || is_name(n);
      if (end) break;
      tuple.items.push_back(parse_single_target(false));
    }
    return tuple;
  }

  Target parse_single_target(bool with_namespace) {
    Target t;
    t.span = tok_span(cur());
    if (skip_op("(")) {
      t.kind = Target::Kind::Tuple;
      while (!is_op(")")) {
        if (!t.items.empty()) expect_op(",");
        if (is_op(")")) break;
        t.items.push_back(parse_single_target(false));
      }
      next();
      if (t.items.size() == 1) {
        Target only = std::move(t.items[0]);
        return only;
      }
      return t;
    }
    if (cur().type != TokenType::Name) fail_here("can't assign to " + describe_token(cur()));
    t.name = cur().text;
    if (t.name == "true" || t.name == "false" || t.name == "none" || t.name == "True" || t.name == "False" || t.name == "None") {
      fail_here("can't assign to '" + t.name + "'");
    }
    next();
    if (with_namespace && is_op(".") && peek().type == TokenType::Name) {
      next();
      t.kind = Target::Kind::NamespaceAttr;
      t.attr = cur().text;
      next();
    }
    return t;
  }

  // Left-nested chains (a.b.c, 1+2+3, x|f|g) deepen the tree like nesting does; count them
  // so evaluation and destruction depth stay bounded.
  void bump(int& added) {
    ++added;
    if (++depth_ > kMaxDepth) fail_here("expression nested too deeply");
  }

  // ---------------- expressions ----------------
  bool is_tuple_end(std::initializer_list<const char*> extra_end) const {
    if (cur().type == TokenType::VarEnd || cur().type == TokenType::BlockEnd || cur().is_op(")")) return true;
    for (const char* n : extra_end) {
      if (cur().is_name(n)) return true;
    }
    return false;
  }

  ExprPtr parse_tuple(bool simplified = false, bool with_condexpr = true, std::initializer_list<const char*> extra_end = {},
                      bool explicit_parentheses = false) {
    uint32_t start = cur().offset;
    std::vector<ExprPtr> items;
    bool is_tuple = false;
    while (true) {
      if (!items.empty()) expect_op(",");
      if (is_tuple_end(extra_end)) break;
      if (simplified) {
        items.push_back(parse_primary());
      } else {
        items.push_back(parse_expression(with_condexpr));
      }
      if (is_op(",")) {
        is_tuple = true;
      } else {
        break;
      }
    }
    if (!is_tuple) {
      if (!items.empty()) return std::move(items[0]);
      if (!explicit_parentheses) fail_here("Expected an expression, got " + describe_token(cur()));
    }
    auto tuple = std::make_unique<Sequence>(ExprKind::Tuple, span_from(start));
    tuple->items = std::move(items);
    return tuple;
  }

  ExprPtr parse_expression(bool with_condexpr = true) {
    if (++depth_ > kMaxDepth) fail_here("expression nested too deeply");
    ExprPtr e = with_condexpr ? parse_condexpr() : parse_or();
    --depth_;
    return e;
  }

  ExprPtr parse_condexpr() {
    uint32_t start = cur().offset;
    int added = 0;
    size_t unknown_mark = unknown_.size();
    ExprPtr expr1 = parse_or();
    while (is_name("if")) {
      // The whole conditional expression is soft: forget unknown names in its left side.
      unknown_.resize(std::min(unknown_.size(), unknown_mark));
      next();
      bump(added);
      auto node = std::make_unique<Cond>(Span{start, 1});
      ++soft_;
      node->test = parse_or();
      if (skip_name("else")) node->if_false = parse_condexpr();
      --soft_;
      node->if_true = std::move(expr1);
      node->span = span_from(start);
      expr1 = std::move(node);
    }
    depth_ -= added;
    return expr1;
  }

  ExprPtr parse_or() {
    uint32_t start = cur().offset;
    int added = 0;
    ExprPtr left = parse_and();
    while (skip_name("or")) {
      bump(added);
      ExprPtr right = parse_and();
      left = std::make_unique<Binary>(ExprKind::Or, span_from(start), BinaryOp::Add, std::move(left), std::move(right));
    }
    depth_ -= added;
    return left;
  }

  ExprPtr parse_and() {
    uint32_t start = cur().offset;
    int added = 0;
    ExprPtr left = parse_not();
    while (skip_name("and")) {
      bump(added);
      ExprPtr right = parse_not();
      left = std::make_unique<Binary>(ExprKind::And, span_from(start), BinaryOp::Add, std::move(left), std::move(right));
    }
    depth_ -= added;
    return left;
  }

  ExprPtr parse_not() {
    uint32_t start = cur().offset;
    if (skip_name("not")) {
      if (++depth_ > kMaxDepth) fail_here("expression nested too deeply");
      ExprPtr operand = parse_not();
      --depth_;
      return std::make_unique<Unary>(span_from(start), UnaryOp::Not, std::move(operand));
    }
    return parse_compare();
  }

  ExprPtr parse_compare() {
    uint32_t start = cur().offset;
    ExprPtr expr = parse_math1();
    std::unique_ptr<Compare> cmp;
    while (true) {
      CompareOp op;
      if (is_op("==")) op = CompareOp::Eq;
      else if (is_op("!=")) op = CompareOp::Ne;
      else if (is_op("<")) op = CompareOp::Lt;
      else if (is_op("<=")) op = CompareOp::Le;
      else if (is_op(">")) op = CompareOp::Gt;
      else if (is_op(">=")) op = CompareOp::Ge;
      else if (is_name("in")) op = CompareOp::In;
      else if (is_name("not") && peek().is_name("in")) {
        next();
        op = CompareOp::NotIn;
      } else {
        break;
      }
      next();
      if (!cmp) cmp = std::make_unique<Compare>(Span{start, 1}, std::move(expr));
      cmp->rest.push_back({op, parse_math1()});
    }
    if (!cmp) return expr;
    cmp->span = span_from(start);
    return cmp;
  }

  ExprPtr parse_math1() {
    uint32_t start = cur().offset;
    int added = 0;
    ExprPtr left = parse_concat();
    while (is_op("+") || is_op("-")) {
      bump(added);
      BinaryOp op = is_op("+") ? BinaryOp::Add : BinaryOp::Sub;
      next();
      ExprPtr right = parse_concat();
      left = std::make_unique<Binary>(ExprKind::Binary, span_from(start), op, std::move(left), std::move(right));
    }
    depth_ -= added;
    return left;
  }

  ExprPtr parse_concat() {
    uint32_t start = cur().offset;
    int added = 0;
    ExprPtr left = parse_math2();
    while (skip_op("~")) {
      bump(added);
      ExprPtr right = parse_math2();
      left = std::make_unique<Binary>(ExprKind::Binary, span_from(start), BinaryOp::Concat, std::move(left), std::move(right));
    }
    depth_ -= added;
    return left;
  }

  ExprPtr parse_math2() {
    uint32_t start = cur().offset;
    int added = 0;
    ExprPtr left = parse_pow();
    while (is_op("*") || is_op("/") || is_op("//") || is_op("%")) {
      bump(added);
      BinaryOp op = is_op("*") ? BinaryOp::Mul : is_op("/") ? BinaryOp::Div : is_op("//") ? BinaryOp::FloorDiv : BinaryOp::Mod;
      next();
      ExprPtr right = parse_pow();
      left = std::make_unique<Binary>(ExprKind::Binary, span_from(start), op, std::move(left), std::move(right));
    }
    depth_ -= added;
    return left;
  }

  ExprPtr parse_pow() {
    uint32_t start = cur().offset;
    int added = 0;
    ExprPtr left = parse_unary();
    while (skip_op("**")) {
      bump(added);
      ExprPtr right = parse_unary();
      left = std::make_unique<Binary>(ExprKind::Binary, span_from(start), BinaryOp::Pow, std::move(left), std::move(right));
    }
    depth_ -= added;
    return left;
  }

  ExprPtr parse_unary(bool with_filter = true) {
    uint32_t start = cur().offset;
    ExprPtr node;
    if (is_op("-") || is_op("+")) {
      UnaryOp op = is_op("-") ? UnaryOp::Neg : UnaryOp::Pos;
      next();
      if (++depth_ > kMaxDepth) fail_here("expression nested too deeply");
      ExprPtr operand = parse_unary(false);
      --depth_;
      node = std::make_unique<Unary>(span_from(start), op, std::move(operand));
    } else {
      node = parse_primary();
    }
    node = parse_postfix(std::move(node), start);
    if (with_filter) node = parse_filter_expr(std::move(node), start);
    return node;
  }

  ExprPtr parse_primary() {
    const Token& t = cur();
    uint32_t start = t.offset;
    switch (t.type) {
      case TokenType::Name: {
        const std::string& n = t.text;
        ExprPtr e;
        if (n == "true" || n == "True") e = std::make_unique<Const>(tok_span(t), Value(true));
        else if (n == "false" || n == "False") e = std::make_unique<Const>(tok_span(t), Value(false));
        else if (n == "none" || n == "None") e = std::make_unique<Const>(tok_span(t), Value());
        else e = std::make_unique<ast::Name>(tok_span(t), n);
        next();
        return e;
      }
      case TokenType::String: {
        std::string text = t.text;
        next();
        while (cur().type == TokenType::String) {
          text += cur().text;
          next();
        }
        return std::make_unique<Const>(span_from(start), Value(std::move(text)));
      }
      case TokenType::Integer: {
        auto e = std::make_unique<Const>(tok_span(t), Value(t.int_value));
        next();
        return e;
      }
      case TokenType::Float: {
        auto e = std::make_unique<Const>(tok_span(t), Value(t.float_value));
        next();
        return e;
      }
      case TokenType::Operator:
        if (t.text == "(") {
          next();
          if (++depth_ > kMaxDepth) fail_here("expression nested too deeply");
          ExprPtr e = parse_tuple(false, true, {}, true);
          --depth_;
          expect_op(")");
          return e;
        }
        if (t.text == "[") return parse_list();
        if (t.text == "{") return parse_dict();
        break;
      default: break;
    }
    if (t.type == TokenType::VarEnd || t.type == TokenType::BlockEnd || t.type == TokenType::Eof) {
      fail_here("Expected an expression, got " + describe_token(t));
    }
    fail_here("unexpected " + describe_token(t));
  }

  ExprPtr parse_list() {
    uint32_t start = cur().offset;
    next();
    if (++depth_ > kMaxDepth) fail_here("expression nested too deeply");
    auto list = std::make_unique<Sequence>(ExprKind::List, Span{start, 1});
    while (!is_op("]")) {
      if (!list->items.empty()) expect_op(",");
      if (is_op("]")) break;
      list->items.push_back(parse_expression());
    }
    next();
    --depth_;
    list->span = span_from(start);
    return list;
  }

  ExprPtr parse_dict() {
    uint32_t start = cur().offset;
    next();
    if (++depth_ > kMaxDepth) fail_here("expression nested too deeply");
    auto dict = std::make_unique<DictLit>(Span{start, 1});
    while (!is_op("}")) {
      if (!dict->items.empty()) expect_op(",");
      if (is_op("}")) break;
      ExprPtr key = parse_expression();
      expect_op(":");
      ExprPtr value = parse_expression();
      dict->items.emplace_back(std::move(key), std::move(value));
    }
    next();
    --depth_;
    dict->span = span_from(start);
    return dict;
  }

  ExprPtr parse_postfix(ExprPtr node, uint32_t start) {
    int added = 0;
    while (true) {
      bump(added);
      if (is_op(".") || is_op("[")) {
        node = parse_subscript(std::move(node), start);
      } else if (is_op("(")) {
        node = parse_call(std::move(node), start);
      } else {
        depth_ -= added;
        return node;
      }
    }
  }

  ExprPtr parse_filter_expr(ExprPtr node, uint32_t start) {
    int added = 0;
    while (true) {
      bump(added);
      if (is_op("|")) {
        node = parse_filter(std::move(node), start);
      } else if (is_name("is")) {
        node = parse_test(std::move(node), start);
      } else if (is_op("(")) {
        node = parse_call(std::move(node), start);
      } else {
        depth_ -= added;
        return node;
      }
    }
  }

  ExprPtr parse_subscript(ExprPtr node, uint32_t start) {
    if (skip_op(".")) {
      const Token& t = cur();
      if (t.type == TokenType::Name) {
        std::string attr = t.text;
        next();
        return std::make_unique<Getattr>(span_from(start), std::move(node), attr);
      }
      if (t.type != TokenType::Integer) fail_here("expected name or number");
      auto key = std::make_unique<Const>(tok_span(t), Value(t.int_value));
      next();
      return std::make_unique<Getitem>(span_from(start), std::move(node), std::move(key));
    }
    expect_op("[");
    std::vector<ExprPtr> keys;
    std::unique_ptr<Slice> slice;
    bool tuple = false;
    while (!is_op("]")) {
      if (!keys.empty() || slice) {
        expect_op(",");
        tuple = true;
      }
      if (is_op("]")) break;
      if (is_op(":") || true) {
        ExprPtr first;
        if (!is_op(":")) first = parse_expression();
        if (!is_op(":")) {
          keys.push_back(std::move(first));
          continue;
        }
        next();
        slice = std::make_unique<Slice>(Span{start, 1}, nullptr);
        slice->start = std::move(first);
        if (!is_op("]") && !is_op(",") && !is_op(":")) slice->stop = parse_expression();
        if (skip_op(":")) {
          if (!is_op("]") && !is_op(",")) slice->step = parse_expression();
        }
      }
    }
    next();
    if (slice) {
      if (!keys.empty() || tuple) fail("tuple of slices is not supported", span_from(start));
      slice->object = std::move(node);
      slice->span = span_from(start);
      return slice;
    }
    if (keys.empty()) fail("expected subscript expression", span_from(start));
    ExprPtr key;
    if (keys.size() == 1 && !tuple) {
      key = std::move(keys[0]);
    } else {
      auto t = std::make_unique<Sequence>(ExprKind::Tuple, span_from(start));
      t->items = std::move(keys);
      key = std::move(t);
    }
    return std::make_unique<Getitem>(span_from(start), std::move(node), std::move(key));
  }

  void parse_call_args(Args& args) {
    expect_op("(");
    bool first = true;
    while (!is_op(")")) {
      if (!first) {
        expect_op(",");
        if (is_op(")")) break;
      }
      first = false;
      Span s = tok_span(cur());
      if (skip_op("*")) {
        if (args.dyn_args || args.dyn_kwargs) fail("invalid syntax for function call expression", s);
        args.dyn_args = parse_expression();
      } else if (skip_op("**")) {
        if (args.dyn_kwargs) fail("invalid syntax for function call expression", s);
        args.dyn_kwargs = parse_expression();
      } else if (cur().type == TokenType::Name && peek().is_op("=")) {
        if (args.dyn_kwargs) fail("invalid syntax for function call expression", s);
        std::string key = cur().text;
        next();
        next();
        args.keyword.emplace_back(std::move(key), parse_expression());
      } else {
        if (!args.keyword.empty() || args.dyn_args || args.dyn_kwargs) fail("invalid syntax for function call expression", s);
        args.positional.push_back(parse_expression());
      }
    }
    next();
  }

  ExprPtr parse_call(ExprPtr node, uint32_t start) {
    auto call = std::make_unique<Call>(Span{start, 1}, std::move(node));
    parse_call_args(call->args);
    call->span = span_from(start);
    return call;
  }

  std::string parse_dotted_name() {
    std::string name = expect_identifier();
    while (is_op(".") && peek().type == TokenType::Name) {
      next();
      name += "." + cur().text;
      next();
    }
    return name;
  }

  ExprPtr parse_filter(ExprPtr node, uint32_t start, bool start_inline = false) {
    while (is_op("|") || start_inline) {
      if (!start_inline) next();
      start_inline = false;
      Span name_span = tok_span(cur());
      auto f = std::make_unique<Filter>(Span{start, 1}, std::move(node), parse_dotted_name());
      check_filter(f->name, name_span);
      if (is_op("(")) parse_call_args(f->args);
      f->span = span_from(start);
      node = std::move(f);
    }
    return node;
  }

  // Filters of a {% filter %} block or a block set: the input comes from the body.
  std::vector<std::unique_ptr<Filter>> parse_filter_chain(bool start_inline = false) {
    std::vector<std::unique_ptr<Filter>> chain;
    while (is_op("|") || start_inline) {
      uint32_t start = cur().offset;
      if (!start_inline) next();
      start_inline = false;
      Span name_span = tok_span(cur());
      auto f = std::make_unique<Filter>(Span{start, 1}, nullptr, parse_dotted_name());
      check_filter(f->name, name_span);
      if (is_op("(")) parse_call_args(f->args);
      f->span = span_from(start);
      chain.push_back(std::move(f));
    }
    return chain;
  }

  ExprPtr parse_test(ExprPtr node, uint32_t start) {
    next();  // is
    bool negated = skip_name("not");
    Span name_span = tok_span(cur());
    auto test = std::make_unique<Test>(Span{start, 1}, std::move(node), parse_dotted_name());
    check_test(test->name, name_span);
    test->negated = negated;
    const Token& t = cur();
    if (t.is_op("(")) {
      parse_call_args(test->args);
    } else if ((t.type == TokenType::Name || t.type == TokenType::String || t.type == TokenType::Integer ||
                t.type == TokenType::Float || t.is_op("[") || t.is_op("{")) &&
               !t.is_name("else") && !t.is_name("or") && !t.is_name("and")) {
      if (t.is_name("is")) fail_here("You cannot chain multiple tests with is");
      uint32_t arg_start = cur().offset;
      ExprPtr arg = parse_primary();
      arg = parse_postfix(std::move(arg), arg_start);
      test->args.positional.push_back(std::move(arg));
    }
    test->span = span_from(start);
    return test;
  }

  // ---------------- name walking (varargs/kwargs/caller detection) ----------------
  using NameFn = std::function<void(const std::string&)>;
  static void walk_args(const Args& a, const NameFn& fn) {
    for (const auto& e : a.positional) walk_expr(e.get(), fn);
    for (const auto& [k, e] : a.keyword) walk_expr(e.get(), fn);
    walk_expr(a.dyn_args.get(), fn);
    walk_expr(a.dyn_kwargs.get(), fn);
  }
  static void walk_expr(const Expr* e, const NameFn& fn) {
    if (!e) return;
    switch (e->kind) {
      case ExprKind::Const: return;
      case ExprKind::Name: fn(static_cast<const ast::Name*>(e)->name); return;
      case ExprKind::List:
      case ExprKind::Tuple:
        for (const auto& i : static_cast<const Sequence*>(e)->items) walk_expr(i.get(), fn);
        return;
      case ExprKind::Dict:
        for (const auto& [k, v] : static_cast<const DictLit*>(e)->items) {
          walk_expr(k.get(), fn);
          walk_expr(v.get(), fn);
        }
        return;
      case ExprKind::Unary: walk_expr(static_cast<const Unary*>(e)->operand.get(), fn); return;
      case ExprKind::Binary:
      case ExprKind::And:
      case ExprKind::Or:
        walk_expr(static_cast<const Binary*>(e)->left.get(), fn);
        walk_expr(static_cast<const Binary*>(e)->right.get(), fn);
        return;
      case ExprKind::Compare: {
        auto c = static_cast<const Compare*>(e);
        walk_expr(c->first.get(), fn);
        for (const auto& r : c->rest) walk_expr(r.expr.get(), fn);
        return;
      }
      case ExprKind::Cond: {
        auto c = static_cast<const Cond*>(e);
        walk_expr(c->test.get(), fn);
        walk_expr(c->if_true.get(), fn);
        walk_expr(c->if_false.get(), fn);
        return;
      }
      case ExprKind::Getattr: walk_expr(static_cast<const Getattr*>(e)->object.get(), fn); return;
      case ExprKind::Getitem:
        walk_expr(static_cast<const Getitem*>(e)->object.get(), fn);
        walk_expr(static_cast<const Getitem*>(e)->key.get(), fn);
        return;
      case ExprKind::Slice: {
        auto s = static_cast<const Slice*>(e);
        walk_expr(s->object.get(), fn);
        walk_expr(s->start.get(), fn);
        walk_expr(s->stop.get(), fn);
        walk_expr(s->step.get(), fn);
        return;
      }
      case ExprKind::Call:
        walk_expr(static_cast<const Call*>(e)->callee.get(), fn);
        walk_args(static_cast<const Call*>(e)->args, fn);
        return;
      case ExprKind::Filter:
        walk_expr(static_cast<const Filter*>(e)->input.get(), fn);
        walk_args(static_cast<const Filter*>(e)->args, fn);
        return;
      case ExprKind::Test:
        walk_expr(static_cast<const Test*>(e)->input.get(), fn);
        walk_args(static_cast<const Test*>(e)->args, fn);
        return;
    }
  }
  static void walk_body(const Body& body, const NameFn& fn) {
    for (const auto& s : body) walk_stmt(s.get(), fn);
  }
  static void walk_stmt(const Stmt* s, const NameFn& fn) {
    switch (s->kind) {
      case StmtKind::Print: walk_expr(static_cast<const Print*>(s)->expr.get(), fn); return;
      case StmtKind::If:
        for (const auto& b : static_cast<const If*>(s)->branches) {
          walk_expr(b.test.get(), fn);
          walk_body(b.body, fn);
        }
        walk_body(static_cast<const If*>(s)->else_body, fn);
        return;
      case StmtKind::For: {
        auto f = static_cast<const For*>(s);
        walk_expr(f->iter.get(), fn);
        walk_expr(f->filter.get(), fn);
        walk_body(f->body, fn);
        walk_body(f->else_body, fn);
        return;
      }
      case StmtKind::Set: walk_expr(static_cast<const Set*>(s)->value.get(), fn); return;
      case StmtKind::SetBlock:
        for (const auto& f : static_cast<const SetBlock*>(s)->filters) walk_expr(f.get(), fn);
        walk_body(static_cast<const SetBlock*>(s)->body, fn);
        return;
      case StmtKind::Macro:
        for (const auto& p : static_cast<const Macro*>(s)->params) walk_expr(p.default_value.get(), fn);
        walk_body(static_cast<const Macro*>(s)->body, fn);
        return;
      case StmtKind::CallBlock:
        walk_expr(static_cast<const CallBlock*>(s)->call.get(), fn);
        walk_body(static_cast<const CallBlock*>(s)->caller->body, fn);
        return;
      case StmtKind::FilterBlock:
        for (const auto& f : static_cast<const FilterBlock*>(s)->filters) walk_expr(f.get(), fn);
        walk_body(static_cast<const FilterBlock*>(s)->body, fn);
        return;
      case StmtKind::With:
        for (const auto& [t, e] : static_cast<const With*>(s)->assignments) walk_expr(e.get(), fn);
        walk_body(static_cast<const With*>(s)->body, fn);
        return;
      case StmtKind::Do: walk_expr(static_cast<const Do*>(s)->expr.get(), fn); return;
      case StmtKind::Include: walk_expr(static_cast<const Include*>(s)->name.get(), fn); return;
      case StmtKind::CustomBody: walk_body(static_cast<const CustomBody*>(s)->body, fn); return;
      default: return;
    }
  }

  static constexpr int kMaxDepth = 300;
  std::string_view src_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  const Environment* env_;
  int depth_ = 0;
  int nesting_ = 0;
  // Inside an if statement or conditional expression, unknown filters/tests are only an
  // error when reached (Jinja2 defers them to runtime there).
  int soft_ = 0;
  struct SoftReset {
    int& ref;
    int saved;
    explicit SoftReset(int& r) : ref(r), saved(r) { ref = 0; }
    ~SoftReset() { ref = saved; }
  };
  // Unknown names are collected and reported at the end of the statement, because a
  // later `if` can still turn the expression into a (soft) conditional.
  std::vector<SyntaxError> unknown_;
  void check_filter(const std::string& name, Span span) {
    if (env_ && soft_ == 0 && !env_->filter(name)) unknown_.push_back({"No filter named '" + name + "'.", span.offset, span.length});
  }
  void check_test(const std::string& name, Span span) {
    if (env_ && soft_ == 0 && !env_->test(name)) unknown_.push_back({"No test named '" + name + "'.", span.offset, span.length});
  }
  void report_unknown() {
    if (!unknown_.empty()) throw ParseFailure{unknown_.front()};
  }
  int loop_depth_ = 0;
  bool has_extends_ = false;
  std::vector<const Block*> blocks_;
  std::vector<Param> custom_params_;
};

}  // namespace

std::unique_ptr<ast::TemplateNode> parse_template(std::string_view source, const Environment* env, SyntaxError& error) {
  std::vector<Token> tokens;
  LexError lex_error;
  if (!tokenize(source, tokens, lex_error)) {
    error = SyntaxError{lex_error.message, lex_error.offset, lex_error.length};
    return nullptr;
  }
  try {
    Parser parser(source, std::move(tokens), env);
    return parser.parse();
  } catch (const ParseFailure& failure) {
    error = failure.error;
    return nullptr;
  }
}

}  // namespace strata::jinja
