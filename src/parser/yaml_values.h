#pragma once
// Jinja in YAML values, rendered when the project is parsed, as dbt renders dbt_project.yml
// and properties files: `+schema: "{{ env_var('SCHEMA') }}"`, a test's
// `where: "day > '{{ var('since') }}'"`, `severity: "{{ 'warn' if target.name == 'dev' else 'error' }}"`.
// The context is the parse-time one (var, env_var, target, flags, ...; dbt offers no
// macros here, strata does). Values dbt renders later are left as written: hooks (run
// time), descriptions and tests' arguments (compile time). Errors point into the YAML
// value; the env vars read are kept for the parse cache.
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "context/dbt_environment.h"
#include "project/yaml_document.h"

namespace strata::parser {

using Json = project::Json;

// One value: the template's typed result (a number, a boolean, a list, or text). `package`
// is the package whose file holds the value (its vars apply); empty = the root project.
Result<Json> render_yaml_value(const context::DbtEnvironment& env, const context::ProjectContext* project,
                               const std::string& text, const SourceSpan& where, std::set<std::string>* env_vars_read,
                               const std::string& package = "");

// Config keys whose values are rendered when they run, not when the project is parsed.
bool is_hook_key(const std::string& key);

class YamlValues {
 public:
  YamlValues(const context::DbtEnvironment& env, const context::ProjectContext* project) : env_(env), project_(project) {}

  // A YAML subtree of a file of `package` as JSON, its strings with Jinja rendered; hooks
  // as written.
  Result<Json> json(const project::YamlDocument& doc, const yaml::Node& node, const std::string& package) const;
  project::ValueRenderer renderer(const std::string& package) const;

  std::set<std::string> env_vars_read() const;

 private:
  const context::DbtEnvironment& env_;
  const context::ProjectContext* project_;
  mutable std::mutex mu_;  // tests are prepared on several threads
  mutable std::set<std::string> env_vars_read_;
};

// values->json(doc, node, package), or the plain conversion when there is no renderer.
Result<Json> yaml_value(const YamlValues* values, const project::YamlDocument& doc, const yaml::Node& node,
                        const std::string& package);
// A scalar as text, rendered (`fallback` when the node is absent or not a scalar).
Result<std::string> yaml_text(const YamlValues* values, const project::YamlDocument& doc, const yaml::Node& node,
                              const std::string& package, const std::string& fallback = "");
// A scalar or a list of scalars (tags) as texts, rendered.
Result<std::vector<std::string>> yaml_texts(const YamlValues* values, const project::YamlDocument& doc,
                                            const yaml::Node& node, const std::string& package);

}  // namespace strata::parser
