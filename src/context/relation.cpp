#include "context/relation.h"

#include "common/sql_quote.h"
#include "jinja/call_context.h"

namespace strata::context {

std::string quoted(const std::string& name) { return sql_identifier(name); }

std::string Relation::render() const {
  if (is_cte()) return identifier;
  std::string out;
  auto part = [&](const std::string& value, bool include, bool quote) {
    if (!include || value.empty()) return;
    if (!out.empty()) out += '.';
    out += quote ? quoted(value) : value;
  };
  part(database, include_database, quote_database);
  part(schema, include_schema, quote_schema);
  part(identifier, include_identifier, quote_identifier);
  return out;
}

namespace {

bool flag(const jinja::CallArgs& args, std::string_view name, bool current) {
  const jinja::Value* v = args.kwarg(name);
  return v ? v->truthy() : current;
}

}  // namespace

std::optional<jinja::Value> RelationObject::get_attr(std::string_view name) const {
  const Relation& r = relation_;
  if (name == "database") return jinja::Value(r.database);
  if (name == "schema") return jinja::Value(r.schema);
  if (name == "identifier" || name == "name" || name == "table") return jinja::Value(r.identifier);
  if (name == "type") return r.type.empty() ? jinja::Value() : jinja::Value(r.type);
  if (name == "is_table") return jinja::Value(r.type == "table");
  if (name == "is_view") return jinja::Value(r.type == "view");
  if (name == "is_cte") return jinja::Value(r.is_cte());
  if (name == "is_materialized_view") return jinja::Value(false);
  if (name == "path")
    return jinja::make_dict({{"database", r.database}, {"schema", r.schema}, {"identifier", r.identifier}});
  return std::nullopt;
}

std::optional<Result<jinja::Value>> RelationObject::call_method(jinja::CallContext&, std::string_view name,
                                                                jinja::CallArgs& args) const {
  Relation r = relation_;
  if (name == "render") return Result<jinja::Value>(jinja::Value(r.render()));
  if (name == "include") {
    r.include_database = flag(args, "database", r.include_database);
    r.include_schema = flag(args, "schema", r.include_schema);
    r.include_identifier = flag(args, "identifier", r.include_identifier);
    return Result<jinja::Value>(make_relation(std::move(r)));
  }
  if (name == "quote") {
    r.quote_database = flag(args, "database", r.quote_database);
    r.quote_schema = flag(args, "schema", r.quote_schema);
    r.quote_identifier = flag(args, "identifier", r.quote_identifier);
    return Result<jinja::Value>(make_relation(std::move(r)));
  }
  if (name == "without_identifier") {
    r.include_identifier = false;
    return Result<jinja::Value>(make_relation(std::move(r)));
  }
  if (name == "incorporate" || name == "replace_path") {
    const jinja::Value* path = args.kwarg("path");
    if (name == "replace_path") path = nullptr;
    auto apply = [&](std::string_view key, std::string& field) {
      const jinja::Value* v = nullptr;
      if (path && path->is_dict()) v = path->as_dict().find(key);
      if (!v) v = name == "replace_path" ? args.kwarg(key) : nullptr;
      if (v && !v->is_none() && !v->is_undefined()) field = v->str();
    };
    apply("database", r.database);
    apply("schema", r.schema);
    apply("identifier", r.identifier);
    if (const jinja::Value* type = args.kwarg("type"); type && type->is_string()) r.type = type->as_string();
    return Result<jinja::Value>(make_relation(std::move(r)));
  }
  return std::nullopt;
}

bool RelationObject::equals(const HostObject& other) const {
  auto* o = dynamic_cast<const RelationObject*>(&other);
  return o && o->relation_.render() == relation_.render();
}

jinja::Value make_relation(Relation relation) {
  return jinja::Value::object(std::make_shared<RelationObject>(std::move(relation)));
}

const Relation* as_relation(const jinja::Value& value) {
  if (!value.is_object()) return nullptr;
  auto* object = dynamic_cast<const RelationObject*>(&value.as_object());
  return object ? &object->relation() : nullptr;
}

}  // namespace strata::context
