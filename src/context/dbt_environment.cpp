#include "context/dbt_environment.h"

#include <set>

#include "context/dbt_functions.h"
#include "context/json_value.h"
#include "context/warehouse_calls.h"
#include "jinja/macro_calls.h"

namespace strata::context {

namespace {

using jinja::CallArgs;
using jinja::CallContext;
using jinja::Value;

// `dbt_utils.surrogate_key(...)`: a package's macros as attributes.
class PackageNamespace final : public jinja::HostObject {
 public:
  PackageNamespace(std::string name, const std::map<std::string, Value>* macros) : name_(std::move(name)), macros_(macros) {}
  std::string type_name() const override { return "Namespace"; }
  std::optional<Value> get_attr(std::string_view name) const override {
    auto it = macros_->find(std::string(name));
    if (it == macros_->end()) return std::nullopt;
    return it->second;
  }
  std::string str() const override { return "<Namespace " + name_ + ">"; }
  bool underscore_names_are_members() const override { return true; }  // dbt._private helpers

 private:
  std::string name_;
  const std::map<std::string, Value>* macros_;
};

std::string option_text(const jinja::TagHeader& header, std::string_view key) {
  for (const auto& option : header.options)
    if (option.key == key && option.value.is_string()) return option.value.as_string();
  return std::string();
}

Value string_list(const std::vector<std::string>& items) {
  std::vector<Value> values;
  values.reserve(items.size());
  for (const auto& item : items) values.emplace_back(item);
  return Value::list(std::move(values));
}

// The `model` dict, built straight from the node (no JSON in between). schema, database,
// alias and relation_name come separately: a lazy dict passes the values they had when
// it was made.
struct NameFields {
  std::string alias, schema, database, relation_name;
};

void fill_node_dict(jinja::Dict& d, const manifest::Node& node, const NameFields& names) {
  auto set = [&d](const char* key, Value value) { d.set(std::string_view(key), std::move(value)); };
  set("unique_id", Value(node.unique_id));
  set("name", Value(node.name));
  set("resource_type", Value(manifest::resource_type_name(node.type)));
  set("package_name", Value(node.package_name));
  set("original_file_path", Value(node.original_file_path));
  set("path", Value(node.path));
  set("fqn", string_list(node.fqn));
  set("alias", Value(names.alias));
  set("schema", Value(names.schema));
  set("database", Value(names.database));
  set("config", to_value(node.config));
  set("tags", string_list(node.tags));
  set("description", Value(node.description));
  set("meta", to_value(node.meta));
  set("raw_code", Value(node.raw_code));
  set("relation_name", Value(names.relation_name));
  if (node.version) set("version", Value(*node.version));
  Value columns = Value::dict();
  for (const auto& c : node.columns) {
    Value col = Value::dict();
    jinja::Dict& cd = col.as_dict();
    cd.set(std::string_view("name"), Value(c.name));
    cd.set(std::string_view("description"), Value(c.description));
    cd.set(std::string_view("meta"), to_value(c.meta));
    cd.set(std::string_view("tags"), string_list(c.tags));
    cd.set(std::string_view("data_type"), c.data_type ? Value(*c.data_type) : Value());
    columns.as_dict().set(std::string_view(c.name), std::move(col));
  }
  set("columns", std::move(columns));
}

}  // namespace

Value DbtEnvironment::node_value(const manifest::Node& node) {
  Value v = Value::dict();
  fill_node_dict(v.as_dict(), node, {node.alias, node.schema, node.database, node.relation_name});
  return v;
}

Value DbtEnvironment::lazy_node_value(const manifest::Node& node, std::weak_ptr<const void> alive) {
  NameFields names{node.alias, node.schema, node.database, node.relation_name};
  const manifest::Node* at = &node;
  return Value::dict(std::make_shared<jinja::Dict>([at, alive = std::move(alive), names = std::move(names)](jinja::Dict& d) {
    // Past the render that made it (a template kept it somewhere), the node may be gone.
    if (auto lock = alive.lock()) fill_node_dict(d, *at, names);
  }));
}

RenderState& render_state(CallContext& context) { return *static_cast<RenderState*>(context.host_data()); }

DbtEnvironment::DbtEnvironment(std::shared_ptr<const ProjectContext> project)
    : project_(std::move(project)), env_(std::make_unique<jinja::Environment>()) {
  register_functions();
  register_block_tags();
  auto caller = env_->parse("{{ __strata_macro(*__strata_args, **__strata_kwargs) }}", "<call>");
  macro_caller_ = caller ? std::move(caller).value() : nullptr;  // a fixed, valid template
}

DbtEnvironment::~DbtEnvironment() = default;

void DbtEnvironment::register_functions() {
  register_node_functions(*env_, *this);
  register_utility_functions(*env_);
  register_adapter_object(*env_, *this);
  register_warehouse_functions(*env_);
  env_->add_global("target", to_value(project_->target));
  env_->add_global("flags", to_value(project_->flags));
  env_->add_global("invocation_id", Value(project_->invocation_id));
  env_->add_global("run_started_at", run_started_at_value(project_->run_started_at));
  for (const char* name : {"invocation_id", "run_started_at", "modules", "log", "print", "run_query", "statement", "load_result"})
    env_->mark_volatile(name);
  env_->add_global("project_name", Value(project_->root_package));
  env_->add_global("dbt_version", Value("1.10.0"));
  env_->add_global("strata_version", Value(project_->strata_version));
}

void DbtEnvironment::register_block_tags() {
  jinja::BlockTag test;
  test.name = "test";
  test.kind = jinja::BlockTag::Kind::Macro;
  test.macro_name = [](const jinja::TagHeader& h) -> Result<std::string> { return "test_" + h.name; };
  env_->add_block_tag(std::move(test));

  jinja::BlockTag materialization;
  materialization.name = "materialization";
  materialization.kind = jinja::BlockTag::Kind::Macro;
  materialization.macro_name = [](const jinja::TagHeader& h) -> Result<std::string> {
    std::string adapter = option_text(h, "adapter");
    if (adapter.empty()) adapter = "default";
    return "materialization_" + h.name + "_" + adapter;
  };
  env_->add_block_tag(std::move(materialization));

  // Snapshot and docs bodies are found through Template::tag_blocks() at parse time;
  // rendering a file that holds them outputs nothing for the block itself.
  for (const char* name : {"snapshot", "docs"}) {
    jinja::BlockTag body;
    body.name = name;
    body.kind = jinja::BlockTag::Kind::Body;
    body.on_render = [](CallContext&, const jinja::TagBlock&) -> Result<Value> { return Value(""); };
    env_->add_block_tag(std::move(body));
  }
}

Status DbtEnvironment::add_macro_file(const std::string& package, std::shared_ptr<const SourceText> source) {
  auto tmpl = env_->parse(source->content, source->path);
  if (!tmpl) return std::move(tmpl).error();
  for (const auto& info : (*tmpl)->macros()) {
    manifest::Macro m;
    m.package_name = package;
    m.name = info.name;
    m.unique_id = "macro." + package + "." + info.name;
    m.original_file_path = source->path;
    m.span = info.span;
    m.macro_sql = info.source_text;
    macros_[package][info.name] = (*tmpl)->macro(info.name);
    if (info.node) {
      macro_index_[info.node] = macro_list_.size();
      macro_calls_.push_back(jinja::static_macro_calls(info.node->body, {project_->adapter_type, "default"}));
    } else {
      macro_calls_.emplace_back();
    }
    macro_list_.push_back(std::move(m));
  }
  macro_templates_.push_back(std::move(tmpl).value());
  return {};
}

void DbtEnvironment::finalize() {
  // Lowest priority first, so later assignments win: other packages, then dbt, then root.
  std::map<std::string, Value> bare;
  for (const auto& [package, macros] : macros_)
    if (package != project_->root_package && package != kInternalPackage)
      for (const auto& [name, value] : macros) bare[name] = value;
  if (auto it = macros_.find(kInternalPackage); it != macros_.end())
    for (const auto& [name, value] : it->second) bare[name] = value;
  if (auto it = macros_.find(project_->root_package); it != macros_.end())
    for (const auto& [name, value] : it->second) bare[name] = value;
  for (auto& [name, value] : bare) env_->add_global(name, value);
  for (const auto& [package, macros] : macros_)
    env_->add_global(package, Value::object(std::make_shared<PackageNamespace>(package, &macros)));
  if (!macros_.count(kInternalPackage))
    env_->add_global(kInternalPackage, Value::object(std::make_shared<PackageNamespace>(kInternalPackage, &macros_[kInternalPackage])));
  resolve_macro_dependencies();
}

// dbt's depends_on.macros of a macro: the calls found in its body that name a macro, a
// bare name resolved in the macro's own package first, then as bare names resolve.
void DbtEnvironment::resolve_macro_dependencies() {
  auto has = [this](const std::string& package, const std::string& name) {
    auto p = macros_.find(package);
    return p != macros_.end() && p->second.count(name) > 0;
  };
  for (size_t i = 0; i < macro_list_.size(); ++i) {
    manifest::Macro& macro = macro_list_[i];
    std::set<std::string> seen;
    for (const std::string& call : macro_calls_[i]) {
      std::string package, name = call;
      if (size_t dot = call.find('.'); dot != std::string::npos) {
        package = call.substr(0, dot);
        name = call.substr(dot + 1);
        if (!has(package, name)) continue;  // adapter.quote, modules.re.search, ...
      } else if (has(macro.package_name, name)) {
        package = macro.package_name;
      } else if (has(project_->root_package, name)) {
        package = project_->root_package;
      } else if (has(kInternalPackage, name)) {
        package = kInternalPackage;
      } else {
        for (const auto& [candidate, macros] : macros_)
          if (macros.count(name)) {
            package = candidate;
            break;
          }
        if (package.empty()) continue;  // a builtin (ref, config, return, ...)
      }
      std::string unique_id = "macro." + package + "." + name;
      if (seen.insert(unique_id).second) macro.depends_on_macros.push_back(std::move(unique_id));
    }
  }
  macro_calls_.clear();
}

const std::string* DbtEnvironment::macro_unique_id(const jinja::ast::Macro* node) const {
  auto it = macro_index_.find(node);
  return it == macro_index_.end() ? nullptr : &macro_list_[it->second].unique_id;
}

Value DbtEnvironment::find_macro(const std::string& package, const std::string& name) const {
  auto p = macros_.find(package);
  if (p == macros_.end()) return Value::undefined("no package '" + package + "'");
  auto m = p->second.find(name);
  if (m == p->second.end()) return Value::undefined("no macro '" + name + "' in '" + package + "'");
  return m->second;
}

Result<Value> DbtEnvironment::dispatch(const std::string& name, const std::string& macro_namespace) const {
  std::vector<std::string> order;
  std::string ns = macro_namespace.empty() ? std::string(kInternalPackage) : macro_namespace;
  if (auto it = project_->dispatch_order.find(ns); it != project_->dispatch_order.end()) {
    order = it->second;
  } else {
    order = {project_->root_package, ns};
  }
  order.push_back(kInternalPackage);
  const std::string prefixes[] = {project_->adapter_type + "__", "default__"};
  std::string tried;
  for (const auto& package : order) {
    for (const auto& prefix : prefixes) {
      Value v = find_macro(package, prefix + name);
      if (!v.is_undefined()) return v;
      tried += (tried.empty() ? "" : ", ") + package + "." + prefix + name;
    }
  }
  return Error(ErrorCode::Compilation, "adapter.dispatch found no implementation of '" + name +
                                           "' (looked for " + tried + ")");
}

Result<Value> DbtEnvironment::materialization(const std::string& name) const {
  // Project and packages first (users may override), then built-ins; adapter-specific first.
  std::vector<std::string> order = {project_->root_package};
  for (const auto& [package, macros] : macros_)
    if (package != project_->root_package && package != kInternalPackage) order.push_back(package);
  order.push_back(kInternalPackage);
  for (const char* suffix : {"", "default"}) {
    std::string adapter = *suffix ? suffix : project_->adapter_type;
    for (const auto& package : order) {
      Value v = find_macro(package, "materialization_" + name + "_" + adapter);
      if (!v.is_undefined()) return v;
    }
  }
  return Error(ErrorCode::Compilation, "no materialization '" + name + "' for adapter '" + project_->adapter_type + "'")
      .with_hint("use view, table, incremental, ephemeral, or define {% materialization " + name + ", default %}");
}

Result<jinja::TemplatePtr> DbtEnvironment::parse(std::string source, std::string path) const {
  return env_->parse(std::move(source), std::move(path));
}

Result<jinja::TemplatePtr> DbtEnvironment::parse_node_code(std::string source, std::string path) const {
  return env_->parse_uncached(std::move(source), std::move(path));
}

Value DbtEnvironment::render_vars(RenderState& state, const Value& extra) const {
  Value vars = Value::dict();
  jinja::Dict& d = vars.as_dict();
  d.set(std::string_view("execute"), Value(state.mode != RenderMode::Parse));
  d.set(std::string_view("database"), Value(project_->target.value("database", "")));
  d.set(std::string_view("schema"), Value(project_->target.value("schema", "main")));
  if (state.node) {
    if (state.model_value.is_undefined())
      state.model_value = state.node_alive ? lazy_node_value(*state.node, state.node_alive) : node_value(*state.node);
    d.set(std::string_view("model"), state.model_value);
    if (state.mode == RenderMode::Parse || !state.resolver) {
      Relation placeholder;
      placeholder.database = state.node->database;
      placeholder.schema = state.node->schema;
      placeholder.identifier = state.node->alias.empty() ? state.node->name : state.node->alias;
      d.set(std::string_view("this"), make_relation(std::move(placeholder)));
    } else {
      d.set(std::string_view("this"), make_relation(state.resolver->relation_of(*state.node)));
    }
  }
  if (extra.is_dict())
    for (const auto& [k, v] : extra.as_dict().entries()) d.set(k, v);
  return vars;
}

Result<std::string> DbtEnvironment::render(const jinja::Template& tmpl, RenderState& state, const Value& extra) const {
  jinja::RenderSettings settings;
  settings.host_data = &state;
  settings.volatile_read = &state.read_volatile;
  settings.direct_macro_calls = state.direct_macro_calls;
  return tmpl.render(render_vars(state, extra), settings);
}

Result<Value> DbtEnvironment::render_native(const jinja::Template& tmpl, RenderState& state) const {
  jinja::RenderSettings settings;
  settings.host_data = &state;
  settings.volatile_read = &state.read_volatile;
  settings.direct_macro_calls = state.direct_macro_calls;
  return tmpl.render_native(render_vars(state, Value()), settings);
}

Result<Value> DbtEnvironment::call_macro(const Value& macro, CallArgs args, RenderState& state, const Value& vars) const {
  // A tiny template that calls the macro gives it a render context with our vars.
  Value kwargs = Value::dict();
  for (auto& [k, v] : args.keyword) kwargs.as_dict().set(std::string_view(k), v);
  Value extra = jinja::make_dict({{"__strata_macro", macro}, {"__strata_args", Value::list(args.positional)}, {"__strata_kwargs", kwargs}});
  if (vars.is_dict())
    for (const auto& [k, v] : vars.as_dict().entries()) extra.as_dict().set(k, v);
  jinja::RenderSettings settings;
  settings.host_data = &state;
  settings.volatile_read = &state.read_volatile;
  return macro_caller_->render_native(render_vars(state, extra), settings);
}

}  // namespace strata::context
