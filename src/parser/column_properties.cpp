#include "parser/column_properties.h"

namespace strata::parser {

Result<std::vector<manifest::ColumnProperties>> read_column_properties(const YamlValues* values,
                                                                      const project::YamlDocument& doc,
                                                                      const yaml::Node& columns,
                                                                      const std::string& package) {
  std::vector<manifest::ColumnProperties> out;
  if (!columns) return out;
  if (!columns.IsSequence()) return doc.error_at(columns, "'columns' must be a list of {name: ...} entries");
  for (const auto& c : columns) {
    if (!c.IsMap() || !c["name"]) return doc.error_at(c, "each column needs a 'name'");
    manifest::ColumnProperties col;
    col.name = c["name"].Scalar();
    if (c["description"] && c["description"].IsScalar()) col.description = c["description"].Scalar();
    if (c["data_type"] && c["data_type"].IsScalar()) {
      Json type;
      STRATA_ASSIGN(type, yaml_value(values, doc, c["data_type"], package));
      col.data_type = type.is_string() ? type.get<std::string>() : type.dump();
    }
    if (c["meta"]) STRATA_ASSIGN(col.meta, yaml_value(values, doc, c["meta"], package));
    if (c["tags"]) {
      Json tags;
      STRATA_ASSIGN(tags, yaml_value(values, doc, c["tags"], package));
      auto as_text = [](const Json& t) { return t.is_string() ? t.get<std::string>() : t.dump(); };
      if (tags.is_array()) {
        for (const auto& t : tags)
          if (t.is_primitive() && !t.is_null()) col.tags.push_back(as_text(t));
      } else if (tags.is_primitive() && !tags.is_null()) {
        col.tags.push_back(as_text(tags));
      }
    }
    if (c["quote"]) {
      Json quote;
      STRATA_ASSIGN(quote, yaml_value(values, doc, c["quote"], package));
      col.quote = quote == true;
    }
    if (c["constraints"]) STRATA_ASSIGN(col.constraints, yaml_value(values, doc, c["constraints"], package));
    out.push_back(std::move(col));
  }
  return out;
}

}  // namespace strata::parser
