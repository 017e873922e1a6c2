#pragma once
// Read-only facts shared by every render of one invocation: target, vars, flags, the
// environment-variable reader, dispatch order, and where log() output goes.
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/error.h"

namespace strata::context {

using Json = nlohmann::ordered_json;

struct PackageInfo {
  std::string name;
  Json vars = Json::object();  // the package's own dbt_project.yml vars
};

struct ProjectContext {
  std::string root_package;
  Json root_vars = Json::object();  // root dbt_project.yml vars (globals and {package: {...}})
  Json cli_vars = Json::object();   // --vars
  std::map<std::string, PackageInfo> packages;  // every package incl. the root
  Json target = Json::object();     // rendered target fields (name, type, schema, database, threads, ...)
  Json flags = Json::object();
  std::string invocation_id;
  std::string run_started_at;       // ISO-8601 UTC
  std::string strata_version;
  // macro_namespace -> packages searched by adapter.dispatch.
  std::map<std::string, std::vector<std::string>> dispatch_order;
  std::string adapter_type = "duckdb";

  std::function<const char*(const char*)> getenv;
  // log()/print(): level is "info" (shown) or "debug".
  std::function<void(const std::string& level, const std::string& message)> log;
  // exceptions.warn() outside parsing (compile, run): prints the warning; true when
  // --warn-error makes it an error, which then fails the render. Unset: warnings are kept
  // in RenderState::warnings, as at parse time.
  std::function<bool(const Error& warning)> warn;
};

}  // namespace strata::context
