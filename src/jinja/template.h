#pragma once
// A parsed template: immutable, shared, renderable concurrently from many threads.
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/source_span.h"
#include "jinja/block_tag.h"
#include "jinja/call_context.h"
#include "jinja/value.h"

namespace strata::jinja {

class Environment;
namespace ast {
struct TemplateNode;
struct Macro;
}

// Per-render choices of the host.
struct RenderSettings {
  UndefinedPolicy undefined = UndefinedPolicy::Lenient;
  uint64_t max_steps = 50'000'000;  // evaluation steps before "step budget exhausted"
  uint32_t max_depth = 256;         // nested macro calls / includes / recursive loops
  void* host_data = nullptr;        // handed to host functions via CallContext::host_data()
  uint64_t max_bytes = 1ull << 30;  // bytes of strings/lists the render may build in total
  // Set to true when the render reads a global marked volatile (Environment::mark_volatile).
  bool* volatile_read = nullptr;
  // When set, receives each macro the template calls itself (not the macros those call),
  // in call order: dbt's depends_on.macros of a node.
  std::vector<const ast::Macro*>* direct_macro_calls = nullptr;
};

struct MacroInfo {
  std::string name;
  std::vector<MacroParam> params;
  bool catch_varargs = false;  // body uses `varargs`
  bool catch_kwargs = false;   // body uses `kwargs`
  bool caller = false;         // body uses `caller`
  SourceSpan span;             // the macro tag
  std::string source_text;     // from the macro tag through its end tag (dbt's macro_sql)
  const ast::Macro* node = nullptr;  // owned by the template
};

struct TagBlockInfo {
  TagHeader header;
  std::string raw_body;
  SourceSpan span;
};

class Template : public std::enable_shared_from_this<Template> {
 public:
  Template(const Environment* env, std::shared_ptr<const SourceText> source, std::unique_ptr<ast::TemplateNode> root);
  ~Template();

  const std::string& name() const { return source_->path; }
  const std::shared_ptr<const SourceText>& source() const { return source_; }
  const Environment& environment() const { return *env_; }
  const ast::TemplateNode& root() const { return *root_; }

  // Top-level macros (incl. macro-like custom tags), in source order, without rendering.
  std::vector<MacroInfo> macros() const;
  // Body-capturing custom tag blocks anywhere in the template, without rendering.
  std::vector<TagBlockInfo> tag_blocks() const;

  // `vars` is a dict (or none). On failure, `kind` (if given) receives the error kind.
  Result<std::string> render(const Value& vars, const RenderSettings& settings = {}, ErrorKind* kind = nullptr) const;
  // jinja2.nativetypes + dbt: a single {{ expr }} yields the value itself; otherwise the
  // text, converted like ast.literal_eval when it is a Python literal (else the string).
  Result<Value> render_native(const Value& vars, const RenderSettings& settings = {}, ErrorKind* kind = nullptr) const;
  // Runs the template's top level with `vars` (discarding output), then calls macro `name`.
  // A macro that calls return(x) yields x; otherwise its rendered text as a string.
  Result<Value> call_macro(std::string_view name, CallArgs args, const Value& vars,
                           const RenderSettings& settings = {}, ErrorKind* kind = nullptr) const;
  // The macro as a callable value that any render can call (e.g. put into a model's
  // context); global names inside it resolve in the calling render's variables.
  // Undefined when the template has no such top-level macro.
  Value macro(std::string_view name) const;

 private:
  const Environment* env_;
  std::shared_ptr<const SourceText> source_;
  std::unique_ptr<ast::TemplateNode> root_;
};

using TemplatePtr = std::shared_ptr<const Template>;

}  // namespace strata::jinja
