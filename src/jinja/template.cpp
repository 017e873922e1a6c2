#include "jinja/template.h"

#include <cctype>

#include "jinja/ast.h"
#include "jinja/native.h"
#include "jinja/renderer.h"

namespace strata::jinja {

Template::Template(const Environment* env, std::shared_ptr<const SourceText> source, std::unique_ptr<ast::TemplateNode> root)
    : env_(env), source_(std::move(source)), root_(std::move(root)) {}

Template::~Template() = default;

std::vector<MacroInfo> Template::macros() const {
  std::vector<MacroInfo> out;
  const auto& body = root_->body;
  for (size_t i = 0; i < body.size(); ++i) {
    const auto& stmt = body[i];
    if (stmt->kind != ast::StmtKind::Macro) continue;
    const auto& m = static_cast<const ast::Macro&>(*stmt);
    MacroInfo info;
    info.name = m.name;
    for (const auto& p : m.params) info.params.push_back(MacroParam{p.name, p.default_value != nullptr, p.default_source});
    info.catch_varargs = m.catch_varargs;
    info.catch_kwargs = m.catch_kwargs;
    info.caller = m.uses_caller;
    info.span = SourceSpan::at_offset(source_, m.span.offset, m.span.length);
    info.node = &m;
    // The macro's text ends where the next top-level statement starts: its end tag is the
    // last thing before that (whitespace after the end tag is text data of its own).
    size_t end = i + 1 < body.size() ? body[i + 1]->span.offset : source_->content.size();
    while (end > m.span.offset && std::isspace(static_cast<unsigned char>(source_->content[end - 1]))) --end;
    if (m.span.offset < end && end <= source_->content.size())
      info.source_text = source_->content.substr(m.span.offset, end - m.span.offset);
    out.push_back(std::move(info));
  }
  return out;
}

namespace {
void collect_tag_blocks(const ast::Body& body, const std::shared_ptr<const SourceText>& source, std::vector<TagBlockInfo>& out) {
  for (const auto& stmt : body) {
    switch (stmt->kind) {
      case ast::StmtKind::CustomBody: {
        const auto& node = static_cast<const ast::CustomBody&>(*stmt);
        out.push_back(TagBlockInfo{node.header, source->content.substr(node.body_span.offset, node.body_span.length),
                                   SourceSpan::at_offset(source, node.span.offset, node.span.length)});
        collect_tag_blocks(node.body, source, out);
        break;
      }
      case ast::StmtKind::If: {
        const auto& node = static_cast<const ast::If&>(*stmt);
        for (const auto& b : node.branches) collect_tag_blocks(b.body, source, out);
        collect_tag_blocks(node.else_body, source, out);
        break;
      }
      case ast::StmtKind::For: {
        const auto& node = static_cast<const ast::For&>(*stmt);
        collect_tag_blocks(node.body, source, out);
        collect_tag_blocks(node.else_body, source, out);
        break;
      }
      case ast::StmtKind::Macro: collect_tag_blocks(static_cast<const ast::Macro&>(*stmt).body, source, out); break;
      case ast::StmtKind::Block: collect_tag_blocks(static_cast<const ast::Block&>(*stmt).body, source, out); break;
      case ast::StmtKind::With: collect_tag_blocks(static_cast<const ast::With&>(*stmt).body, source, out); break;
      default: break;
    }
  }
}
}  // namespace

std::vector<TagBlockInfo> Template::tag_blocks() const {
  std::vector<TagBlockInfo> out;
  collect_tag_blocks(root_->body, source_, out);
  return out;
}

Result<std::string> Template::render(const Value& vars, const RenderSettings& settings, ErrorKind* kind) const {
  Renderer r(*env_, settings, vars);
  std::string out;
  try {
    ScopePtr root = r.make_root(r.vars());
    r.render_template(shared_from_this(), root, out);
  } catch (RenderException& e) {
    return to_error(e, kind);
  } catch (MacroReturn& ret) {
    // return() at the top level ends the render; its value is the output.
    try {
      return r.to_string(ret.value);
    } catch (RenderException& e) {
      return to_error(e, kind);
    }
  }
  return out;
}

Result<Value> Template::render_native(const Value& vars, const RenderSettings& settings, ErrorKind* kind) const {
  const auto& body = root_->body;
  if (body.size() == 1 && body[0]->kind == ast::StmtKind::Print) {
    Renderer r(*env_, settings, vars);
    try {
      ScopePtr root = r.make_root(r.vars());
      r.set_current_shared(shared_from_this());
      Value v = r.eval(*static_cast<const ast::Print&>(*body[0]).expr, root);
      if (!v.is_string()) return v;  // even an undefined is returned as is, like nativetypes
      return literal_eval_or_string(v.as_string());
    } catch (RenderException& e) {
      return to_error(e, kind);
    } catch (MacroReturn& ret) {
      return ret.value;
    }
  }
  if (body.empty()) return Value();  // nativetypes: no output nodes -> None
  auto text = render(vars, settings, kind);
  if (!text.ok()) return std::move(text).error();
  if (text->empty()) return Value();
  return literal_eval_or_string(*text);
}

Result<Value> Template::call_macro(std::string_view name, CallArgs args, const Value& vars, const RenderSettings& settings,
                                   ErrorKind* kind) const {
  Renderer r(*env_, settings, vars);
  try {
    ScopePtr module = r.run_module(shared_from_this(), r.vars());
    const Value* macro = module->find_local(name);
    if (!macro || !macro->is_callable()) {
      if (kind) *kind = ErrorKind::Undefined;
      return Error(ErrorCode::TemplateRuntime, "template " + string_repr(source_->path) + " has no macro " + string_repr(name));
    }
    r.set_current_shared(shared_from_this());
    ast::Span span{};
    if (macro->as_callable().is_macro()) span = static_cast<const MacroCallable&>(macro->as_callable()).node().span;
    return r.call_value(*macro, args, module.get(), span);
  } catch (RenderException& e) {
    return to_error(e, kind);
  } catch (MacroReturn& ret) {
    return ret.value;
  }
}

Value Template::macro(std::string_view name) const {
  for (const auto& stmt : root_->body) {
    if (stmt->kind != ast::StmtKind::Macro) continue;
    const auto& m = static_cast<const ast::Macro&>(*stmt);
    if (m.name == name) return Value::callable(std::make_shared<MacroCallable>(shared_from_this(), &m, nullptr));
  }
  return Value::undefined("template " + string_repr(source_->path) + " has no macro " + string_repr(name));
}

}  // namespace strata::jinja
