// Resolves each node's configuration and renders its code in parse mode, in parallel:
// dbt_project.yml configs < properties YAML < config() calls; refs and sources captured;
// then schema/alias/database through the generate_*_name macros.
#include <algorithm>
#include <mutex>

#include "common/parallel.h"
#include "context/json_value.h"
#include "parser/loader_state.h"

namespace strata::parser {

using manifest::Node;
using manifest::NodeId;
using manifest::ResourceType;

namespace {

const char* tree_for(ResourceType type) {
  switch (type) {
    case ResourceType::Model: return "models";
    case ResourceType::Seed: return "seeds";
    case ResourceType::Snapshot: return "snapshots";
    case ResourceType::Test: return "data_tests";
    case ResourceType::UnitTest: return "unit_tests";
    case ResourceType::Analysis: return "analyses";
    case ResourceType::Source: return "sources";
    case ResourceType::Exposure: return "exposures";
    default: return "";
  }
}

Json project_configs(const LoadState& state, const Node& node) {
  Json config = default_config(manifest::resource_type_name(node.type));
  const char* tree = tree_for(node.type);
  if (!*tree) return config;
  // The package's own dbt_project.yml, then the root project's (which may address the
  // package by name).
  if (const PackageScope* package = state.package(node.package_name); package && !package->is_root)
    if (package->config->config_trees.contains(tree))
      merge_config(config, configs_from_tree(package->config->config_trees[tree], node.fqn));
  if (state.out.root.config_trees.contains(tree))
    merge_config(config, configs_from_tree(state.out.root.config_trees[tree], node.fqn));
  return config;
}

// Calls generate_<kind>_name(custom, node) and trims the result.
Result<std::string> generated_name(const LoadState& state, const char* macro, const Json& custom, Node& node,
                                   context::RenderState& render) {
  jinja::Value fn = state.out.env->jinja().global(macro) ? *state.out.env->jinja().global(macro) : jinja::Value();
  if (fn.is_undefined() || fn.is_none())
    return Error(ErrorCode::Internal, std::string("built-in macro ") + macro + " is missing");
  jinja::CallArgs args;
  args.positional.push_back(context::to_value(custom));
  jinja::Value node_value = context::DbtEnvironment::node_value(node);
  args.positional.push_back(node_value);
  auto result = state.out.env->call_macro(fn, std::move(args), render);
  if (!result) return std::move(result).error();
  std::string text = result->str();
  size_t b = text.find_first_not_of(" \t\r\n"), e = text.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : text.substr(b, e - b + 1);
}

Status render_node(LoadState& state, Node& node, std::vector<Error>& warnings) {
  Json config = project_configs(state, node);
  merge_config(config, state.yaml_config[node.id]);
  if (node.type == ResourceType::Source) {
    // Sources keep their own config; only enabled/tags/meta matter.
    Json own = node.config;
    node.config = config;
    merge_config(node.config, own);
  } else {
    node.config = config;
  }

  context::RenderState render;
  render.mode = context::RenderMode::Parse;
  render.project = state.out.context.get();
  render.node = &node;
  render.package = node.package_name;

  if (!node.raw_code.empty() && node.type != ResourceType::Source) {
    const auto& source = state.sources[node.id];
    auto tmpl = state.out.env->parse(node.raw_code, source ? source->path : node.original_file_path);
    if (!tmpl) return std::move(tmpl).error();
    // Snapshot bodies start inside their file: errors must point into the file.
    auto rendered = state.out.env->render(**tmpl, render);
    if (!rendered) return std::move(rendered).error();
    state.out.templates[node.id] = std::move(tmpl).value();
    node.refs = std::move(render.refs);
    node.sources = std::move(render.sources);
    merge_config(node.config, render.config_calls);
    render.refs.clear();
    render.sources.clear();
  }
  if (node.config.contains("tags")) {
    node.tags.clear();
    for (const auto& t : node.config["tags"])
      if (t.is_string()) node.tags.push_back(t.get<std::string>());
  }
  if (node.config.contains("meta") && node.config["meta"].is_object() && !node.config["meta"].empty())
    node.meta.update(node.config["meta"]);
  for (auto& w : render.warnings) warnings.push_back(std::move(w));

  if (!node.config.value("enabled", true)) return {};
  if (node.type == ResourceType::Source || node.type == ResourceType::Exposure || node.type == ResourceType::UnitTest) {
    if (node.type == ResourceType::Source) {
      if (node.config.contains("database") && node.config["database"].is_string()) node.database = node.config["database"];
      if (node.config.contains("schema") && node.config["schema"].is_string()) node.schema = node.config["schema"];
      node.relation_name = context::quoted(node.database) + "." + context::quoted(node.schema) + "." +
                           context::quoted(node.identifier);
    }
    return {};
  }
  auto schema = generated_name(state, "generate_schema_name", node.config.value("schema", Json(nullptr)), node, render);
  if (!schema) return std::move(schema).error();
  node.schema = std::move(schema).value();
  auto database = generated_name(state, "generate_database_name", node.config.value("database", Json(nullptr)), node, render);
  if (!database) return std::move(database).error();
  node.database = std::move(database).value();
  auto alias = generated_name(state, "generate_alias_name", node.config.value("alias", Json(nullptr)), node, render);
  if (!alias) return std::move(alias).error();
  node.alias = std::move(alias).value();
  if (node.type == ResourceType::Model || node.type == ResourceType::Seed || node.type == ResourceType::Snapshot) {
    if (node.config.value("materialized", "") == "ephemeral")
      node.relation_name.clear();
    else
      node.relation_name = context::quoted(node.database) + "." + context::quoted(node.schema) + "." + context::quoted(node.alias);
  }
  return {};
}

}  // namespace

Status resolve_configs_and_render(LoadState& state) {
  auto& nodes = state.out.manifest.nodes();
  state.out.templates.assign(nodes.size(), nullptr);
  std::vector<std::optional<Error>> errors(nodes.size());
  std::vector<std::vector<Error>> warnings(nodes.size());
  unsigned threads = state.options.parse_threads ? state.options.parse_threads : std::thread::hardware_concurrency();
  parallel_for(nodes.size(), threads, [&](size_t i) {
    Status status = render_node(state, nodes[i], warnings[i]);
    if (!status) errors[i] = std::move(status).error();
  });
  for (auto& list : warnings)
    for (auto& w : list) state.out.warnings.push_back(std::move(w));
  // The first failing node in file order, so errors are deterministic.
  for (auto& e : errors)
    if (e) return std::move(*e);
  return {};
}

}  // namespace strata::parser
