#pragma once
// Compiles nodes: renders their code with refs and sources resolved to relations,
// inlines ephemeral models as CTEs, and writes target/compiled/<package>/<path>.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "context/render_state.h"
#include "parser/project_loader.h"
#include "parser/ref_index.h"

namespace strata::parser {

class ManifestResolver final : public context::Resolver {
 public:
  explicit ManifestResolver(const LoadedProject& project) : project_(project), index_(project.manifest) {}
  Result<context::Relation> ref(const manifest::Node* from, const manifest::RefCall& call) const override;
  Result<context::Relation> source(const manifest::Node* from, const manifest::SourceCall& call) const override;
  context::Relation relation_of(const manifest::Node& node) const override;
  const RefIndex& index() const { return index_; }

 private:
  const LoadedProject& project_;
  RefIndex index_;
};

// How one compilation differs from a plain `strata compile`.
struct CompileOptions {
  bool is_incremental = false;
  // Execute mode when set: run_query, statement and adapter methods use it.
  adapter::Connection* connection = nullptr;
  std::function<void(std::string_view)> on_sql;
  // Refs and sources read as zero rows (--empty).
  bool empty = false;
  // Microbatch window [start, end): refs and sources of nodes with `event_time` read only it.
  std::optional<std::pair<std::string, std::string>> event_time_window;
  // Refs/sources of these nodes read this SQL instead (unit test fixtures).
  std::map<manifest::NodeId, std::string> replace_parents;
  // Unit tests' overrides, seen before the project's vars and the environment.
  const manifest::Json* var_overrides = nullptr;
  const std::map<std::string, std::string>* env_overrides = nullptr;
  // When set: becomes true if a render read anything volatile (RenderState::read_volatile),
  // and receives the env vars renders read.
  bool* read_volatile = nullptr;
  std::set<std::string>* env_vars_read = nullptr;

  bool plain() const {
    return !is_incremental && !connection && !empty && !event_time_window && replace_parents.empty();
  }
};

class Compiler {
 public:
  explicit Compiler(const LoadedProject& project) : project_(project), resolver_(project) {}

  // The node's compiled SQL (ephemeral parents injected as CTEs). Thread-safe.
  Result<std::string> compile(manifest::NodeId id) const { return compile(id, CompileOptions{}); }
  Result<std::string> compile(manifest::NodeId id, const CompileOptions& options) const;
  // Renders Jinja text (hooks, operations) in a node's context; node may be null.
  Result<std::string> render_text(const std::string& text, const std::string& origin, const manifest::Node* node,
                                  const CompileOptions& options) const;
  // Compiles arbitrary SQL (strata compile --inline / show --inline) as if it were a model
  // of the root project named `name`.
  Result<std::string> compile_inline(const std::string& sql, const std::string& name = "inline_query",
                                     const CompileOptions& options = {}) const;

  const ManifestResolver& resolver() const { return resolver_; }

 private:
  class Substitutions;
  Result<std::string> render(const manifest::Node& node, const jinja::Template& tmpl,
                             std::vector<manifest::NodeId>& ephemerals, const CompileOptions& options,
                             Substitutions& substitutions) const;
  Result<std::string> inject_ctes(std::string sql, const std::vector<manifest::NodeId>& ephemerals,
                                  const CompileOptions& options, Substitutions& substitutions) const;

  const LoadedProject& project_;
  ManifestResolver resolver_;
};

// Path of a node's compiled file under the target dir: compiled/<package>/<path>.
std::string compiled_path(const manifest::Node& node);

// Inserts CTE definitions into SQL: merged into a leading WITH, or as a new WITH.
std::string inject_cte_sql(const std::string& sql, const std::vector<std::pair<std::string, std::string>>& ctes);

}  // namespace strata::parser
