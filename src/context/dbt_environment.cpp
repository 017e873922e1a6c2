#include "context/dbt_environment.h"

#include "context/warehouse_calls.h"

#include "context/dbt_functions.h"
#include "context/json_value.h"

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

Json node_json(const manifest::Node& node) {
  Json j = Json::object();
  j["unique_id"] = node.unique_id;
  j["name"] = node.name;
  j["resource_type"] = manifest::resource_type_name(node.type);
  j["package_name"] = node.package_name;
  j["original_file_path"] = node.original_file_path;
  j["path"] = node.path;
  j["fqn"] = node.fqn;
  j["alias"] = node.alias;
  j["schema"] = node.schema;
  j["database"] = node.database;
  j["config"] = node.config;
  j["tags"] = node.tags;
  j["description"] = node.description;
  j["meta"] = node.meta;
  j["raw_code"] = node.raw_code;
  j["relation_name"] = node.relation_name;
  if (node.version) j["version"] = *node.version;
  Json columns = Json::object();
  for (const auto& c : node.columns) {
    Json col = {{"name", c.name}, {"description", c.description}, {"meta", c.meta}, {"tags", c.tags}};
    col["data_type"] = c.data_type ? Json(*c.data_type) : Json(nullptr);
    columns[c.name] = col;
  }
  j["columns"] = columns;
  return j;
}

}  // namespace

Value DbtEnvironment::node_value(const manifest::Node& node) { return to_value(node_json(node)); }

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
  for (const char* name : {"invocation_id", "modules", "log", "print", "run_query", "statement", "load_result"}) env_->mark_volatile(name);
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
    macros_[package][info.name] = (*tmpl)->macro(info.name);
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

Value DbtEnvironment::render_vars(RenderState& state, const Value& extra) const {
  Value vars = Value::dict();
  jinja::Dict& d = vars.as_dict();
  d.set(std::string_view("execute"), Value(state.mode != RenderMode::Parse));
  d.set(std::string_view("database"), Value(project_->target.value("database", "")));
  d.set(std::string_view("schema"), Value(project_->target.value("schema", "main")));
  if (state.node) {
    if (state.model_value.is_undefined()) state.model_value = node_value(*state.node);
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
  return tmpl.render(render_vars(state, extra), settings);
}

Result<Value> DbtEnvironment::render_native(const jinja::Template& tmpl, RenderState& state) const {
  jinja::RenderSettings settings;
  settings.host_data = &state;
  settings.volatile_read = &state.read_volatile;
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
