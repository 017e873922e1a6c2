// `adapter` and `api` in the Jinja context: dispatch, quoting, relation construction.
// Warehouse-backed methods (get_relation, get_columns_in_relation, ...) return None until
// execution is wired (parse and compile never touch the warehouse).
#include <cctype>

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

// dbt's Column.TYPE_LABELS for DuckDB: only "string" is renamed (dbt-adapters dropped the
// no-op labels; DuckDBColumn adds none), every other name passes through as written.
std::string translate_type(const std::string& dtype) {
  std::string upper = dtype;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper == "STRING" ? "TEXT" : dtype;
}

// `api.Column`: callable as a constructor, with dbt's class methods that the global
// project's type macros use (translate_type, numeric_type, string_type, create).
class ColumnClass final : public jinja::HostObject {
 public:
  std::string type_name() const override { return "type"; }
  bool is_callable() const override { return true; }
  Result<Value> call(CallContext& context, CallArgs& args) const override { return column_create(context, args); }
  std::optional<Result<Value>> call_method(CallContext& context, std::string_view name, CallArgs& args) const override {
    if (name == "translate_type") {
      const Value* dtype = args.arg(0, "dtype");
      if (!dtype) return Result<Value>(arg_error(context, "api.Column.translate_type", "needs a type name"));
      return Result<Value>(Value(translate_type(arg_string(*dtype))));
    }
    if (name == "numeric_type") {
      const Value* dtype = args.arg(0, "dtype");
      const Value* precision = args.arg(1, "precision");
      const Value* scale = args.arg(2, "scale");
      if (!dtype) return Result<Value>(arg_error(context, "api.Column.numeric_type", "needs a type name"));
      if (!precision || precision->is_none() || !scale || scale->is_none()) return Result<Value>(Value(arg_string(*dtype)));
      return Result<Value>(Value(arg_string(*dtype) + "(" + arg_string(*precision) + "," + arg_string(*scale) + ")"));
    }
    if (name == "string_type") {
      const Value* size = args.arg(0, "size");
      if (!size) return Result<Value>(arg_error(context, "api.Column.string_type", "needs a size"));
      return Result<Value>(Value("character varying(" + arg_string(*size) + ")"));
    }
    if (name == "create") {
      const Value* column = args.arg(0, "name");
      const Value* label = args.arg(1, "label_or_dtype");
      if (!column || !label) return Result<Value>(arg_error(context, "api.Column.create", "needs a name and a type"));
      return Result<Value>(Value::object(std::make_shared<ColumnObject>(arg_string(*column), translate_type(arg_string(*label)))));
    }
    return std::nullopt;
  }
  std::string str() const override { return "<class 'Column'>"; }
};

class ApiObject final : public jinja::HostObject {
 public:
  std::string type_name() const override { return "api"; }
  std::optional<Value> get_attr(std::string_view name) const override {
    if (name == "Relation") return jinja::make_dict({{"create", Value::function("create", relation_create)}});
    if (name == "Column") return Value::object(std::make_shared<ColumnClass>());
    return std::nullopt;
  }
};

}  // namespace

void register_adapter_object(jinja::Environment& env, const DbtEnvironment& dbt) {
  env.add_global("adapter", Value::object(std::make_shared<AdapterObject>(dbt)));
  env.add_global("api", Value::object(std::make_shared<ApiObject>()));
}

}  // namespace strata::context
