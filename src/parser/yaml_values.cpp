#include "parser/yaml_values.h"

#include "context/json_value.h"

namespace strata::parser {

namespace {

// An error of the value's template, moved from the template's own text onto the YAML line:
// the value starts at `where` (after its opening quote, if any).
Error in_yaml(Error e, const SourceSpan& where) {
  if (!e.span.source) {
    e.span = where;
  } else if (e.span.line == 1 && where.source && where.line > 0) {
    SourceSpan inner = where;
    std::string line = source_line(where.source->content, where.line);
    uint32_t start = where.column;
    if (start >= 1 && start <= line.size() && (line[start - 1] == '"' || line[start - 1] == '\'')) ++start;
    inner.column = start + e.span.column - 1;
    inner.length = e.span.length;
    e.span = inner;
  }
  return e;
}

}  // namespace

Result<Json> render_yaml_value(const context::DbtEnvironment& env, const context::ProjectContext* project,
                               const std::string& text, const SourceSpan& where, std::set<std::string>* env_vars_read,
                               const std::string& package) {
  auto tmpl = env.parse(text, where.file() + ":" + std::to_string(where.line));
  if (!tmpl) return in_yaml(std::move(tmpl).error(), where);
  context::RenderState state;
  state.mode = context::RenderMode::Parse;
  state.project = project;
  state.package = package;
  auto value = env.render_native(**tmpl, state);
  if (env_vars_read) env_vars_read->insert(state.env_vars_read.begin(), state.env_vars_read.end());
  if (!value) return in_yaml(std::move(value).error(), where);
  return context::to_json(*value);
}

bool is_hook_key(const std::string& key) {
  std::string k = key.rfind('+', 0) == 0 ? key.substr(1) : key;
  return k == "pre-hook" || k == "post-hook" || k == "pre_hook" || k == "post_hook";
}

project::ValueRenderer YamlValues::renderer(const std::string& package) const {
  return [this, package](const std::string& text, const SourceSpan& where) -> Result<Json> {
    std::set<std::string> read;
    auto value = render_yaml_value(env_, project_, text, where, &read, package);
    if (!read.empty()) {
      std::lock_guard<std::mutex> lock(mu_);
      env_vars_read_.insert(read.begin(), read.end());
    }
    return value;
  };
}

Result<Json> YamlValues::json(const project::YamlDocument& doc, const yaml::Node& node,
                              const std::string& package) const {
  return project::render_yaml_to_json(doc, node, renderer(package), is_hook_key);
}

std::set<std::string> YamlValues::env_vars_read() const {
  std::lock_guard<std::mutex> lock(mu_);
  return env_vars_read_;
}

Result<Json> yaml_value(const YamlValues* values, const project::YamlDocument& doc, const yaml::Node& node,
                        const std::string& package) {
  if (!values) return project::yaml_to_json(node);
  return values->json(doc, node, package);
}

namespace {

std::string as_text(const Json& v) { return v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump(); }

}  // namespace

Result<std::string> yaml_text(const YamlValues* values, const project::YamlDocument& doc, const yaml::Node& node,
                              const std::string& package, const std::string& fallback) {
  if (!node || !node.IsScalar()) return fallback;
  if (!values) return node.Scalar();
  auto value = values->json(doc, node, package);
  if (!value) return std::move(value).error();
  return as_text(*value);
}

Result<std::vector<std::string>> yaml_texts(const YamlValues* values, const project::YamlDocument& doc,
                                            const yaml::Node& node, const std::string& package) {
  std::vector<std::string> out;
  if (!node) return out;
  auto value = yaml_value(values, doc, node, package);
  if (!value) return std::move(value).error();
  if (value->is_array()) {
    for (const auto& item : *value)
      if (item.is_primitive() && !item.is_null()) out.push_back(as_text(item));
  } else if (value->is_primitive() && !value->is_null()) {
    out.push_back(as_text(*value));
  }
  return out;
}

}  // namespace strata::parser
