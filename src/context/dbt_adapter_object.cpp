// `adapter` and `api` in the Jinja context: dispatch, quoting, relation construction.
// Warehouse-backed methods (get_relation, get_columns_in_relation, ...) return None until
// execution is wired (parse and compile never touch the warehouse).
#include "context/dbt_environment.h"
#include "context/dbt_functions.h"
#include "context/relation.h"

namespace strata::context {

namespace {

using jinja::CallArgs;
using jinja::CallContext;
using jinja::Value;

class AdapterObject final : public jinja::HostObject {
 public:
  explicit AdapterObject(const DbtEnvironment& dbt) : dbt_(dbt) {}
  std::string type_name() const override { return "Adapter"; }
  std::optional<Value> get_attr(std::string_view name) const override {
    if (name == "type") return Value::function("type", [t = dbt_.project().adapter_type](CallContext&, CallArgs&) -> Result<Value> { return Value(t); });
    return std::nullopt;
  }
  std::optional<Result<Value>> call_method(CallContext& context, std::string_view name, CallArgs& args) const override {
    if (name == "dispatch") {
      const Value* macro = args.arg(0, "macro_name");
      if (!macro || !macro->is_string()) return Result<Value>(arg_error(context, "adapter.dispatch", "needs a macro name"));
      const Value* ns = args.arg(1, "macro_namespace");
      auto found = dbt_.dispatch(macro->as_string(), ns && ns->is_string() ? ns->as_string() : "");
      if (!found) return Result<Value>(context.error(found.error().message));
      return Result<Value>(std::move(found).value());
    }
    if (name == "quote") {
      const Value* id = args.arg(0, "identifier");
      if (!id) return Result<Value>(arg_error(context, "adapter.quote", "needs an identifier"));
      return Result<Value>(Value(quoted(arg_string(*id))));
    }
    if (name == "quote_as_configured" || name == "quote_seed_column") {
      const Value* id = args.arg(0, "identifier");
      if (!id) return Result<Value>(arg_error(context, "adapter." + std::string(name), "needs an identifier"));
      return Result<Value>(Value(quoted(arg_string(*id))));
    }
    if (name == "type") return Result<Value>(Value(dbt_.project().adapter_type));
    if (name == "get_relation" || name == "load_relation") return Result<Value>(Value());
    if (name == "get_columns_in_relation" || name == "list_relations_without_caching") return Result<Value>(Value::list());
    if (name == "check_schema_exists") return Result<Value>(Value(false));
    return std::nullopt;
  }

 private:
  const DbtEnvironment& dbt_;
};

Result<Value> relation_create(CallContext&, CallArgs& args) {
  Relation r;
  if (const Value* v = args.kwarg("database"); v && !v->is_none()) r.database = arg_string(*v);
  if (const Value* v = args.kwarg("schema"); v && !v->is_none()) r.schema = arg_string(*v);
  if (const Value* v = args.kwarg("identifier"); v && !v->is_none()) r.identifier = arg_string(*v);
  if (const Value* v = args.kwarg("type"); v && !v->is_none()) r.type = arg_string(*v);
  return make_relation(std::move(r));
}

class ColumnObject final : public jinja::HostObject {
 public:
  ColumnObject(std::string name, std::string dtype) : name_(std::move(name)), dtype_(std::move(dtype)) {}
  std::string type_name() const override { return "Column"; }
  std::optional<Value> get_attr(std::string_view name) const override {
    if (name == "name" || name == "column") return Value(name_);
    if (name == "quoted") return Value(quoted(name_));
    if (name == "dtype" || name == "data_type") return Value(dtype_);
    return std::nullopt;
  }
  std::string str() const override { return "<Column " + name_ + " (" + dtype_ + ")>"; }

 private:
  std::string name_, dtype_;
};

Result<Value> column_create(CallContext& context, CallArgs& args) {
  const Value* name = args.arg(0, "column");
  const Value* dtype = args.arg(1, "dtype");
  if (!name) return arg_error(context, "api.Column", "needs a column name");
  return Value::object(std::make_shared<ColumnObject>(arg_string(*name), dtype ? arg_string(*dtype) : ""));
}

class ApiObject final : public jinja::HostObject {
 public:
  std::string type_name() const override { return "api"; }
  std::optional<Value> get_attr(std::string_view name) const override {
    if (name == "Relation") return jinja::make_dict({{"create", Value::function("create", relation_create)}});
    if (name == "Column") return Value::function("Column", column_create);
    return std::nullopt;
  }
};

}  // namespace

void register_adapter_object(jinja::Environment& env, const DbtEnvironment& dbt) {
  env.add_global("adapter", Value::object(std::make_shared<AdapterObject>(dbt)));
  env.add_global("api", Value::object(std::make_shared<ApiObject>()));
}

}  // namespace strata::context
