#include "exec/models/custom_strategy.h"

#include <cctype>

#include "common/sql_quote.h"

namespace strata::exec::models {

namespace {

bool is_identifier(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

std::string jinja_string(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

bool is_builtin_strategy(const std::string& strategy) {
  return strategy == "append" || strategy == "delete+insert" || strategy == "merge" || strategy == "microbatch";
}

std::string custom_strategy_macro(const std::string& strategy) { return "get_incremental_" + strategy + "_sql"; }

Result<bool> has_custom_strategy(NodeContext& ctx, const std::string& strategy) {
  if (!is_identifier(strategy)) return false;
  auto answer = ctx.render("{{ 'yes' if " + custom_strategy_macro(strategy) + " is defined else 'no' }}");
  if (!answer.ok()) return std::move(answer).error();
  return *answer == "yes";
}

Result<std::string> custom_strategy_sql(NodeContext& ctx, const ModelConfig& config, const std::string& strategy,
                                        const StrategyInput& input) {
  // As dbt's incremental materialization: dest_columns are the target's columns when
  // on_schema_change is ignore, else the staged relation's (after the schema was synced);
  // either way only the columns process_schema_changes chose.
  const bool ignore = config.on_schema_change.empty() || config.on_schema_change == "ignore";
  const context::Relation& described = ignore ? input.target : input.staged;
  std::string wanted;
  for (const auto& c : input.dest_columns) wanted += (wanted.empty() ? "" : ", ") + jinja_string(c);
  const std::string temp = "api.Relation.create(database=" + jinja_string(input.staged.database) +
                           ", schema=" + jinja_string(input.staged.schema) +
                           ", identifier=" + jinja_string(input.staged.identifier) + ", type='table')";
  const std::string rel = "api.Relation.create(database=" + jinja_string(described.database) +
                          ", schema=" + jinja_string(described.schema) +
                          ", identifier=" + jinja_string(described.identifier) + ", type='table')";
  std::string text;
  text += "{%- set strata_wanted = [" + wanted + "] | map('lower') | list -%}";
  text += "{%- set strata_dest = [] -%}";
  text += "{%- for c in adapter.get_columns_in_relation(" + rel + ") -%}";
  text += "{%- if c.name | lower in strata_wanted %}{% do strata_dest.append(c) %}{% endif -%}";
  text += "{%- endfor -%}";
  text += "{{ " + custom_strategy_macro(strategy) + "({'target_relation': this, 'temp_relation': " + temp +
          ", 'unique_key': config.get('unique_key'), 'dest_columns': strata_dest, "
          "'incremental_predicates': config.get('incremental_predicates')}) }}";
  return ctx.render(text);
}

}  // namespace strata::exec::models
