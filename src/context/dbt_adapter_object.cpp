// `adapter` and `api` in the Jinja context: dispatch, quoting, relation construction.
// Warehouse-backed methods (get_relation, get_columns_in_relation, execute, ...) use the
// render's connection during execution; without one (parse, compile) they find nothing.
#include <cctype>

#include "common/sql_quote.h"
#include "context/agate_table.h"
#include "context/warehouse_calls.h"

#include "context/dbt_environment.h"
#include "context/dbt_functions.h"
#include "context/relation.h"

namespace strata::context {

namespace {

using jinja::CallArgs;
using jinja::CallContext;
using jinja::Value;

Result<Value> column_value(std::string name, std::string dtype);

adapter::RelationRef relation_ref(const Relation& r) { return {r.database, r.schema, r.identifier}; }

Value relation_value(const adapter::RelationInfo& info) {
  Relation r;
  r.database = info.ref.database;
  r.schema = info.ref.schema;
  r.identifier = info.ref.identifier;
  r.type = info.kind == adapter::RelationKind::View ? "view" : info.kind == adapter::RelationKind::Table ? "table" : "external";
  return make_relation(std::move(r));
}

// A Relation argument, or one built from database/schema/identifier arguments.
std::optional<Relation> relation_arg(CallArgs& args, size_t position, const char* keyword) {
  const Value* v = args.arg(position, keyword);
  if (!v) return std::nullopt;
  if (const Relation* r = as_relation(*v)) return *r;
  return std::nullopt;
}

// The methods that need the warehouse. Outside execution they find nothing.
std::optional<Result<Value>> warehouse_method(CallContext& context, std::string_view name, CallArgs& args) {
  RenderState& state = render_state(context);
  adapter::Connection* conn = state.mode == RenderMode::Execute ? state.connection : nullptr;
  if (conn) state.read_volatile = true;
  auto fail = [&](const Error& e) { return Result<Value>(context.error(e.message)); };
  if (name == "get_relation" || name == "load_relation") {
    if (!conn) return Result<Value>(Value());
    adapter::RelationRef ref;
    if (auto r = relation_arg(args, 0, "relation"); r && name == "load_relation") {
      ref = relation_ref(*r);
    } else {
      const Value* db = args.arg(0, "database");
      const Value* schema = args.arg(1, "schema");
      const Value* id = args.arg(2, "identifier");
      if (!schema || !id) return Result<Value>(arg_error(context, "adapter.get_relation", "needs database, schema and identifier"));
      ref = {db && !db->is_none() ? arg_string(*db) : "", arg_string(*schema), arg_string(*id)};
    }
    auto found = conn->get_relation(ref);
    if (!found) return fail(found.error());
    return Result<Value>(*found ? relation_value(**found) : Value());
  }
  if (name == "get_columns_in_relation") {
    auto r = relation_arg(args, 0, "relation");
    if (!r) return Result<Value>(arg_error(context, "adapter.get_columns_in_relation", "needs a relation"));
    if (!conn || r->is_cte()) return Result<Value>(Value::list());
    auto columns = conn->get_columns(relation_ref(*r));
    if (!columns) return Result<Value>(Value::list());  // dbt returns [] for a missing relation
    std::vector<Value> out;
    for (const auto& c : *columns) {
      auto col = column_value(c.name, c.type);
      if (!col) return col;
      out.push_back(std::move(col).value());
    }
    return Result<Value>(Value::list(std::move(out)));
  }
  if (name == "list_relations_without_caching") {
    auto r = relation_arg(args, 0, "schema_relation");
    if (!conn || !r) return Result<Value>(Value::list());
    auto list = conn->list_relations(r->database, r->schema);
    if (!list) return fail(list.error());
    std::vector<Value> out;
    for (const auto& info : *list) out.push_back(relation_value(info));
    return Result<Value>(Value::list(std::move(out)));
  }
  if (name == "check_schema_exists") {
    const Value* db = args.arg(0, "database");
    const Value* schema = args.arg(1, "schema");
    if (!conn || !schema) return Result<Value>(Value(false));
    auto list = conn->query("select 1 from information_schema.schemata where schema_name = " +
                            sql_literal(arg_string(*schema)) +
                            (db && !db->is_none() && !arg_string(*db).empty() ? " and catalog_name = " + sql_literal(arg_string(*db)) : ""));
    if (!list) return fail(list.error());
    return Result<Value>(Value(!list->rows.empty()));
  }
  if (name == "execute") {
    const Value* sql = args.arg(0, "sql");
    const Value* fetch = args.kwarg("fetch");
    if (!sql) return Result<Value>(arg_error(context, "adapter.execute", "needs the SQL to run"));
    if (!conn) return Result<Value>(Value::tuple({Value(), Value()}));
    auto result = run_sql(context, state, arg_string(*sql), fetch && fetch->truthy());
    if (!result) return Result<Value>(std::move(result).error());
    Value response = jinja::make_dict({{"_message", Value("OK")}, {"code", Value("OK")}, {"rows_affected", Value(result->rows_changed)}});
    return Result<Value>(Value::tuple({response, make_agate_table(std::move(result).value())}));
  }
  if (name == "create_schema" || name == "drop_schema" || name == "drop_relation" || name == "truncate_relation" ||
      name == "rename_relation") {
    auto r = relation_arg(args, 0, name == "rename_relation" ? "from_relation" : "relation");
    if (!r) return Result<Value>(arg_error(context, "adapter." + std::string(name), "needs a relation"));
    std::string sql;
    Relation schema_only = *r;
    schema_only.identifier.clear();
    schema_only.include_identifier = false;
    if (name == "create_schema") sql = "create schema if not exists " + schema_only.render();
    else if (name == "drop_schema") sql = "drop schema if exists " + schema_only.render() + " cascade";
    else if (name == "truncate_relation") sql = "delete from " + r->render();
    else if (name == "drop_relation") {
      if (!conn) return Result<Value>(Value());
      auto found = conn->get_relation(relation_ref(*r));
      if (!found) return fail(found.error());
      if (!*found) return Result<Value>(Value());
      sql = std::string("drop ") + ((*found)->kind == adapter::RelationKind::View ? "view" : "table") + " if exists " + r->render() + " cascade";
    } else {
      auto to = relation_arg(args, 1, "to_relation");
      if (!to) return Result<Value>(arg_error(context, "adapter.rename_relation", "needs the new relation"));
      std::string kind = r->type == "view" ? "view" : "table";
      sql = "alter " + kind + " " + r->render() + " rename to " + context::quoted(to->identifier);
    }
    if (!conn) return Result<Value>(Value());
    auto result = run_sql(context, state, sql, false);
    if (!result) return Result<Value>(std::move(result).error());
    return Result<Value>(Value());
  }
  return std::nullopt;
}

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
    return warehouse_method(context, name, args);
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

Result<Value> column_value(std::string name, std::string dtype) {
  return Value::object(std::make_shared<ColumnObject>(std::move(name), std::move(dtype)));
}

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
