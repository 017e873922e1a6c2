#pragma once
// dbt's Relation as a Jinja host object: database.schema.identifier with a type, rendered
// with the adapter's quoting ("db"."schema"."table" for DuckDB).
#include <memory>
#include <string>

#include "jinja/value.h"

namespace strata::context {

struct Relation {
  std::string database;
  std::string schema;
  std::string identifier;
  std::string type;  // table, view, cte, external, "" when unknown
  bool include_database = true;
  bool include_schema = true;
  bool include_identifier = true;
  bool quote_database = true;
  bool quote_schema = true;
  bool quote_identifier = true;
  // For an ephemeral model: the CTE name it renders as (__dbt__cte__name).
  bool is_cte() const { return type == "cte"; }

  std::string render() const;
};

std::string quoted(const std::string& name);

class RelationObject final : public jinja::HostObject {
 public:
  explicit RelationObject(Relation relation) : relation_(std::move(relation)) {}
  const Relation& relation() const { return relation_; }

  std::string type_name() const override { return "Relation"; }
  std::optional<jinja::Value> get_attr(std::string_view name) const override;
  std::optional<Result<jinja::Value>> call_method(jinja::CallContext& context, std::string_view name,
                                                  jinja::CallArgs& args) const override;
  std::string str() const override { return relation_.render(); }
  bool equals(const HostObject& other) const override;

 private:
  Relation relation_;
};

jinja::Value make_relation(Relation relation);
// The Relation inside a value, or null.
const Relation* as_relation(const jinja::Value& value);

}  // namespace strata::context
