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
    if (c["data_type"] && c["data_type"].IsScalar()) STRATA_ASSIGN(col.data_type, yaml_text(values, doc, c["data_type"], package));
    if (c["meta"]) STRATA_ASSIGN(col.meta, yaml_value(values, doc, c["meta"], package));
    STRATA_ASSIGN(col.tags, yaml_texts(values, doc, c["tags"], package));
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
