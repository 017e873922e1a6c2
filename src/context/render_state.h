#pragma once
// The per-render state of one dbt node (or operation): what mode we render in, what the
// node is, and what parse-mode rendering captures (refs, sources, config() calls, env
// vars read). Passed to host functions through jinja::RenderSettings::host_data.
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "adapter/adapter.h"
#include "common/result.h"
#include "context/project_context.h"
#include "context/relation.h"
#include "manifest/node.h"

namespace strata::jinja::ast {
struct Macro;
}

namespace strata::context {

enum class RenderMode {
  Parse,    // dbt's parse: refs/sources/config captured, execute = false
  Compile,  // refs resolve to relations; execute = true but no warehouse writes
  Execute,  // running against the warehouse
};

// Resolves refs and sources during compile/execute (implemented by the compiler).
class Resolver {
 public:
  virtual ~Resolver() = default;
  virtual Result<Relation> ref(const manifest::Node* from, const manifest::RefCall& call) const = 0;
  virtual Result<Relation> source(const manifest::Node* from, const manifest::SourceCall& call) const = 0;
  // The relation a node builds (for `this`).
  virtual Relation relation_of(const manifest::Node& node) const = 0;
};

struct RenderState {
  RenderMode mode = RenderMode::Parse;
  const ProjectContext* project = nullptr;
  const Resolver* resolver = nullptr;  // required unless mode == Parse
  const manifest::Node* node = nullptr;  // null for operations and hooks
  std::string package;                   // package whose code is being rendered
  bool is_incremental = false;           // execute mode: target exists, not full refresh
  // Execute mode: the worker's warehouse connection (null in parse/compile: run_query
  // and statement then do nothing, as dbt's do when `execute` is false).
  adapter::Connection* connection = nullptr;
  // Sees every statement run through the context (for target/run/ and logs).
  std::function<void(std::string_view sql)> on_sql;
  // Unit-test overrides: var() and env_var() look here first (null: none).
  const Json* var_overrides = nullptr;
  const std::map<std::string, std::string>* env_overrides = nullptr;
  // {% call statement('name') %} results, for load_result('name').
  std::map<std::string, jinja::Value> statement_results;
  // The render read something besides the manifest and the parse's inputs: the warehouse,
  // the invocation id, the clock (modules), or wrote output (log/print). Such a compile
  // result is never reused by a later run.
  bool read_volatile = false;
  // The node as templates see it (`model`); built on first use and reused by every macro
  // call of this render, since converting a node is the costly part of a small render.
  jinja::Value model_value = jinja::Value::undefined("");
  // Set by an owner that keeps `node` unchanged (apart from its name fields) while this
  // lives: `model` is then built lazily, only if a template looks at it.
  std::shared_ptr<const void> node_alive;

  // Captured in parse mode.
  std::vector<manifest::RefCall> refs;
  std::vector<manifest::SourceCall> sources;
  Json config_calls = Json::object();  // merged kwargs of config(...) calls, in order
  std::set<std::string> env_vars_read;
  std::vector<Error> warnings;
  // When set (the parse), receives the macros the node's own code calls (depends_on.macros).
  std::vector<const jinja::ast::Macro*>* direct_macro_calls = nullptr;
};

}  // namespace strata::context
