// Resolves each node's configuration and renders its code in parse mode, in parallel:
// dbt_project.yml configs < properties YAML < config() calls; refs and sources captured;
// then schema/alias/database through the generate_*_name macros.
#include <algorithm>
#include <cctype>
#include <mutex>
#include <optional>
#include <regex>
#include <set>

#include "common/parallel.h"
#include "context/json_value.h"
#include "parser/generated_test_errors.h"
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

std::string trimmed(std::string text) {
  size_t b = text.find_first_not_of(" \t\r\n"), e = text.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : text.substr(b, e - b + 1);
}

std::string json_text(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// dbt's default__generate_*_name, computed natively when no project or package overrides
// the macros (rendering them is most of a small node's parse time).
std::string default_name(const char* macro, const Json& custom, const Node& node, const Json& target) {
  std::string kind = macro;
  if (kind == "generate_schema_name") {
    std::string schema = target.value("schema", "main");
    return custom.is_null() ? schema : schema + "_" + trimmed(json_text(custom));
  }
  if (kind == "generate_database_name") return custom.is_null() ? target.value("database", "") : trimmed(json_text(custom));
  bool truthy = !(custom.is_null() || (custom.is_string() && custom.get<std::string>().empty()) ||
                  (custom.is_boolean() && !custom.get<bool>()));
  if (truthy) return trimmed(json_text(custom));
  if (node.version) {
    std::string v = *node.version;
    for (char& c : v)
      if (c == '.') c = '_';
    return node.name + "_v" + v;
  }
  return node.name;
}

// ref('x'), ref('pkg', 'x'), ref('x', v=2), source('a', 'b') as written in test arguments.
std::optional<manifest::RefCall> static_ref(const std::string& text) {
  static const std::regex re(
      R"(^\s*ref\s*\(\s*(['"])([^'"]*)\1\s*(?:,\s*(['"])([^'"]*)\3\s*)?(?:,\s*(?:v|version)\s*=\s*['"]?([\w.]+)['"]?\s*)?\)\s*$)");
  std::smatch m;
  if (!std::regex_match(text, m, re)) return std::nullopt;
  manifest::RefCall call;
  if (m[4].matched) {
    call.package = m[2];
    call.name = m[4];
  } else {
    call.name = m[2];
  }
  if (m[5].matched) call.version = m[5];
  return call;
}

std::optional<manifest::SourceCall> static_source(const std::string& text) {
  static const std::regex re(R"(^\s*source\s*\(\s*(['"])([^'"]*)\1\s*,\s*(['"])([^'"]*)\3\s*\)\s*$)");
  std::smatch m;
  if (!std::regex_match(text, m, re)) return std::nullopt;
  return manifest::SourceCall{m[2], m[4], {}};
}

// For dbt's four built-in generic tests (not overridden), the dependencies are the tested
// model and any ref()/source() arguments, so the parse render can be skipped. Returns false
// when the test needs rendering (custom or overridden test, or an argument we can't read).
bool static_test_dependencies(const LoadState& state, Node& node) {
  if (!node.test_metadata || !node.test_metadata->namespace_.empty() || !state.builtin_tests_untouched) return false;
  const std::string& name = node.test_metadata->name;
  if (name != "not_null" && name != "unique" && name != "accepted_values" && name != "relationships") return false;
  auto owner = state.test_owners.find(node.id);
  if (owner == state.test_owners.end()) return false;
  std::vector<std::string> expressions = {owner->second};
  for (const auto& [key, value] : node.test_metadata->kwargs.items())
    if (key != "model" && value.is_string()) {
      const std::string& text = value.get_ref<const std::string&>();
      if (text.find("ref") != std::string::npos || text.find("source") != std::string::npos ||
          text.find("{{") != std::string::npos)
        expressions.push_back(text);
    }
  std::vector<manifest::RefCall> refs;
  std::vector<manifest::SourceCall> sources;
  for (const auto& e : expressions) {
    if (auto r = static_ref(e)) {
      r->span = node.span;
      refs.push_back(std::move(*r));
    } else if (auto src = static_source(e)) {
      src->span = node.span;
      sources.push_back(std::move(*src));
    } else if (e.find("{{") != std::string::npos || e.find('(') != std::string::npos) {
      return false;  // an expression we don't read statically
    }
  }
  node.refs = std::move(refs);
  node.sources = std::move(sources);
  // What rendering `test_<name>(model=get_where_subquery(ref(...)), ...)` would record.
  node.depends_on_macros = {std::string("macro.") + context::kInternalPackage + ".test_" + name,
                            std::string("macro.") + context::kInternalPackage + ".get_where_subquery"};
  return true;
}

bool is_identifier(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  static const std::set<std::string> reserved = {"and", "or", "not", "in", "is", "if", "else", "elif", "for",
                                                 "true", "false", "none", "True", "False", "None", "with",
                                                 "import", "from", "as", "recursive", "block", "macro", "set"};
  return !reserved.count(s);
}

// Text with nothing a lexer could read as a block delimiter, escape or line break.
bool plain_text(const std::string& text) { return text.find_first_of("{}%#\\\n\r") == std::string::npos; }

// A ref()/source() call written verbatim into the test's code that surely parses (static_ref()
// has already read it): plain text and no version argument.
bool plain_call(const std::string& text) { return plain_text(text) && text.find('=') == std::string::npos; }

bool plain_nested(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
    case Json::value_t::boolean:
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return true;
    case Json::value_t::string: {
      const std::string& s = v.get_ref<const std::string&>();
      return plain_text(s) && s.find("ref") == std::string::npos && s.find("source") == std::string::npos;
    }
    case Json::value_t::array:
      for (const auto& item : v)
        if (!plain_nested(item)) return false;
      return true;
    case Json::value_t::object:
      for (const auto& [_, item] : v.items())
        if (!plain_nested(item)) return false;
      return true;
    default: return false;
  }
}

// True when the code add_generic_test wrote for a test whose dependencies were read
// statically surely parses, so `strata parse` (which keeps no templates) can skip parsing
// it: argument names are identifiers, ref()/source() arguments are plain calls, other values
// are literals the generator quotes.
bool static_test_code_parses(const LoadState& state, const Node& node) {
  auto owner = state.test_owners.find(node.id);
  if (owner == state.test_owners.end() || !plain_call(owner->second)) return false;
  for (const auto& [key, value] : node.test_metadata->kwargs.items()) {
    if (key == "model") continue;
    if (!is_identifier(key)) return false;
    if (value.is_string()) {
      const std::string& text = value.get_ref<const std::string&>();
      if (!plain_text(text) || ((static_ref(text) || static_source(text)) && !plain_call(text))) return false;
    } else if (!plain_nested(value)) {
      return false;
    }
  }
  return true;
}

// Calls generate_<kind>_name(custom, node) and trims the result.
Result<std::string> generated_name(const LoadState& state, const char* macro, const Json& custom, Node& node,
                                   context::RenderState& render) {
  if (state.native_naming.count(macro)) return default_name(macro, custom, node, state.out.context->target);
  jinja::Value fn = state.out.env->jinja().global(macro) ? *state.out.env->jinja().global(macro) : jinja::Value();
  if (fn.is_undefined() || fn.is_none())
    return Error(ErrorCode::Internal, std::string("built-in macro ") + macro + " is missing");
  jinja::CallArgs args;
  args.positional.push_back(context::to_value(custom));
  // The node changed since the parse render (config() calls merged): make it once more
  // and share it between the three naming macros (as it is now: the schema set by the
  // first does not show in the later ones).
  if (render.model_value.is_undefined()) render.model_value = context::DbtEnvironment::lazy_node_value(node, render.node_alive);
  args.positional.push_back(render.model_value);
  auto result = state.out.env->call_macro(fn, std::move(args), render);
  if (!result) return std::move(result).error();
  return trimmed(result->str());
}

Status render_node(LoadState& state, Node& node, std::vector<Error>& warnings, std::set<std::string>& env_vars_read) {
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
  // `node` changes only between renders here (model_value is made again after), so the
  // `model` dict can wait until a template reads it.
  render.node_alive = std::make_shared<char>(0);

  if (!node.raw_code.empty() && node.type != ResourceType::Source) {
    const auto& source = state.sources[node.id];
    // Parsed once per node and kept only for commands that render again (compile, run):
    // `strata parse` lets each template go right after its render, and does not parse a
    // built-in test's code at all when it is read statically and surely parses.
    bool is_static = static_test_dependencies(state, node);
    if (!is_static || state.options.need_templates || !static_test_code_parses(state, node)) {
      auto tmpl = state.out.env->parse_node_code(node.raw_code, source ? source->path : node.original_file_path);
      if (!tmpl) return std::move(tmpl).error();
      if (state.options.need_templates) state.out.templates[node.id] = *tmpl;
      if (!is_static) {
        std::vector<const jinja::ast::Macro*> macro_calls;
        render.direct_macro_calls = &macro_calls;
        auto rendered = state.out.env->render(**tmpl, render);
        render.direct_macro_calls = nullptr;
        if (!rendered) return at_test_entry(std::move(rendered).error(), node);
        node.refs = std::move(render.refs);
        node.sources = std::move(render.sources);
        node.depends_on_macros.clear();
        for (const auto* macro : macro_calls)
          if (const std::string* unique_id = state.out.env->macro_unique_id(macro))
            if (std::find(node.depends_on_macros.begin(), node.depends_on_macros.end(), *unique_id) ==
                node.depends_on_macros.end())
              node.depends_on_macros.push_back(*unique_id);
      }
    }
    merge_config(node.config, render.config_calls);
    render.model_value = jinja::Value::undefined("");
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
  // The naming macros below may read more env vars: collect them on every way out.
  struct CollectEnvVars {
    context::RenderState& render;
    std::set<std::string>& out;
    ~CollectEnvVars() { out.insert(render.env_vars_read.begin(), render.env_vars_read.end()); }
  } collect{render, env_vars_read};

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
  // Legacy snapshot configs name the schema/database verbatim (no generate_*_name).
  if (node.type == ResourceType::Snapshot) {
    if (node.config.contains("target_schema") && node.config["target_schema"].is_string())
      node.schema = node.config["target_schema"].get<std::string>();
    if (node.config.contains("target_database") && node.config["target_database"].is_string())
      node.database = node.config["target_database"].get<std::string>();
  }
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

// True when no package (the root included) defines `name` or an adapter/default
// implementation of it: then dbt's built-in behaviour applies unchanged.
bool untouched(const LoadState& state, const std::string& name) {
  for (const auto& m : state.out.manifest.macros) {
    if (m.package_name == context::kInternalPackage) continue;
    if (m.name == name || m.name == "default__" + name || m.name == state.out.context->adapter_type + "__" + name)
      return false;
  }
  return true;
}

namespace {

void decide_fast_paths(LoadState& state) {
  state.native_naming.clear();
  for (const char* macro : {"generate_schema_name", "generate_alias_name", "generate_database_name"})
    if (untouched(state, macro)) state.native_naming.insert(macro);
  state.builtin_tests_untouched = untouched(state, "get_where_subquery");
  for (const char* t : {"not_null", "unique", "accepted_values", "relationships"})
    state.builtin_tests_untouched = state.builtin_tests_untouched && untouched(state, std::string("test_") + t);
}

// Renders nodes[ids[k]] in parallel; warnings and env vars are merged in id order, so
// results are deterministic.
// `keep_inputs`: first record what each render starts from (LoadState::render_inputs).
Status render_all(LoadState& state, const std::vector<NodeId>& ids, bool keep_inputs) {
  auto& nodes = state.out.manifest.nodes();
  std::vector<std::optional<Error>> errors(ids.size());
  std::vector<std::vector<Error>> warnings(ids.size());
  std::vector<std::set<std::string>> env_vars(ids.size());
  unsigned threads = state.options.parse_threads ? state.options.parse_threads : std::thread::hardware_concurrency();
  parallel_for(ids.size(), threads, [&](size_t k) {
    if (keep_inputs) {
      const auto& n = nodes[ids[k]];
      state.render_inputs[n.id] = {state.yaml_config[n.id], n.tags, n.meta};
    }
    Status status = render_node(state, nodes[ids[k]], warnings[k], env_vars[k]);
    if (!status) errors[k] = std::move(status).error();
  });
  for (size_t k = 0; k < ids.size(); ++k)
    for (auto& w : warnings[k]) {
      state.warning_owner[state.out.warnings.size()] = nodes[ids[k]].unique_id;
      state.out.warnings.push_back(std::move(w));
    }
  for (const auto& names : env_vars) state.env_vars_read.insert(names.begin(), names.end());
  // The first failing node in file order, so errors are deterministic.
  for (auto& e : errors)
    if (e) return std::move(*e);
  return {};
}

}  // namespace

Status resolve_configs_and_render(LoadState& state) {
  decide_fast_paths(state);
  auto& nodes = state.out.manifest.nodes();
  state.out.templates.assign(nodes.size(), nullptr);
  // What the render starts from, kept for a later partial re-parse of one node.
  state.render_inputs.resize(nodes.size());
  std::vector<NodeId> ids(nodes.size());
  for (NodeId i = 0; i < ids.size(); ++i) ids[i] = i;
  return render_all(state, ids, true);
}

Status rerender_nodes(LoadState& state, const std::vector<NodeId>& ids) {
  decide_fast_paths(state);
  state.out.templates.resize(state.out.manifest.size());
  return render_all(state, ids, false);
}

}  // namespace strata::parser
