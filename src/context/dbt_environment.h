#pragma once
// The Jinja environment as dbt sets it up: dbt's functions (ref, source, config, var,
// env_var, return, adapter.dispatch, ...), its block tags (materialization, test,
// snapshot, docs), and every macro of the project, its packages and strata's built-in
// global project, reachable by bare name and through package namespaces.
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "context/project_context.h"
#include "context/render_state.h"
#include "jinja/environment.h"
#include "manifest/manifest.h"

namespace strata::context {

// The package name of strata's built-in macros, as dbt's internal project.
inline constexpr const char* kInternalPackage = "dbt";

class DbtEnvironment {
 public:
  explicit DbtEnvironment(std::shared_ptr<const ProjectContext> project);
  ~DbtEnvironment();

  // Parses a macro file and registers its macros (and tests and materializations) for
  // `package`. Call for every macro file of every package before finalize().
  Status add_macro_file(const std::string& package, std::shared_ptr<const SourceText> source);
  // Makes macros callable: bare names resolve to the root project's, then dbt's, then any
  // package's; `pkg.name` reaches a package's own. Call once, before rendering.
  void finalize();

  const jinja::Environment& jinja() const { return *env_; }
  const ProjectContext& project() const { return *project_; }
  const std::vector<manifest::Macro>& macros() const { return macro_list_; }
  // The unique_id of a project or package macro, from its syntax node (RenderState::
  // direct_macro_calls); null for macros defined inside node code.
  const std::string* macro_unique_id(const jinja::ast::Macro* node) const;

  // A macro value (undefined if absent).
  jinja::Value find_macro(const std::string& package, const std::string& name) const;
  // adapter.dispatch: the first of `<adapter>__name`, `default__name` found along the
  // search order for macro_namespace. Error when none exists.
  Result<jinja::Value> dispatch(const std::string& name, const std::string& macro_namespace) const;
  // The materialization macro for a name (adapter-specific first, then default).
  Result<jinja::Value> materialization(const std::string& name) const;

  // Parses model/test/snapshot code (cached by content).
  Result<jinja::TemplatePtr> parse(std::string source, std::string path) const;
  // Not cached: for a node's code during the parse, whose template only the caller keeps.
  Result<jinja::TemplatePtr> parse_node_code(std::string source, std::string path) const;
  // Renders with dbt's per-node variables (this, model, execute, ...) plus `extra`.
  Result<std::string> render(const jinja::Template& tmpl, RenderState& state,
                             const jinja::Value& extra = jinja::Value()) const;
  Result<jinja::Value> render_native(const jinja::Template& tmpl, RenderState& state) const;
  // Calls a macro with native arguments in the given state.
  // `vars` (a dict) adds variables the macro's render sees, e.g. a materialization's `sql`.
  Result<jinja::Value> call_macro(const jinja::Value& macro, jinja::CallArgs args, RenderState& state,
                                  const jinja::Value& vars = jinja::Value()) const;

  // A node as the `model` / `node` dict templates see.
  static jinja::Value node_value(const manifest::Node& node);
  // The same dict, built on first use (most renders never look at it). Its name fields
  // (schema, database, alias, relation_name) are those of now; the rest is read from
  // `node` when the dict is first used, so the node must not change before then; while
  // `alive` has expired the dict is empty instead.
  static jinja::Value lazy_node_value(const manifest::Node& node, std::weak_ptr<const void> alive);

  // The per-render variables for a state (this, model, execute, ...).
  jinja::Value render_vars(RenderState& state, const jinja::Value& extra) const;

 private:
  void register_functions();
  void register_block_tags();
  void resolve_macro_dependencies();

  std::shared_ptr<const ProjectContext> project_;
  std::unique_ptr<jinja::Environment> env_;
  // package -> macro name -> callable
  std::map<std::string, std::map<std::string, jinja::Value>> macros_;
  std::vector<manifest::Macro> macro_list_;
  std::unordered_map<const jinja::ast::Macro*, size_t> macro_index_;  // -> macro_list_
  std::vector<std::vector<std::string>> macro_calls_;                  // per macro_list_ entry, until finalize()
  std::vector<jinja::TemplatePtr> macro_templates_;  // keep parsed macro files alive
  jinja::TemplatePtr macro_caller_;                  // "{{ m(*args, **kwargs) }}", parsed once
};

// The RenderState of the render a host function runs in.
RenderState& render_state(jinja::CallContext& context);

}  // namespace strata::context
