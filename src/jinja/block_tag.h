#pragma once
// Custom block tags registered by the host, e.g. dbt's
//   {% materialization table, adapter='duckdb' %} ... {% endmaterialization %}
//   {% test not_null(model, column_name) %} ... {% endtest %}
//   {% snapshot orders_snapshot %} ... {% endsnapshot %}
//   {% docs orders %} ... {% enddocs %}
// The header grammar is fixed and general:  NAME [ '(' macro parameters ')' ] { ',' OPTION }
// where OPTION is `key=literal` or a bare identifier (recorded as key with value true).
#include <functional>
#include <string>
#include <vector>

#include "common/source_span.h"
#include "jinja/value.h"

namespace strata::jinja {

class CallContext;

struct MacroParam {
  std::string name;
  bool has_default = false;
  std::string default_source;  // the default expression's source text ("" when none)
};

struct TagOption {
  std::string key;
  Value value;  // literal value; `true` for a bare identifier such as `default`
};

struct TagHeader {
  std::string tag;                  // "materialization"
  std::string name;                 // "table"
  bool has_params = false;          // NAME(...) form
  std::vector<MacroParam> params;
  std::vector<TagOption> options;   // in source order
  const Value* option(std::string_view key) const;
};

// What a Body tag's callback receives when the block is reached while rendering.
struct TagBlock {
  const TagHeader& header;
  std::string_view raw_body;            // the body's source text, untouched
  SourceSpan span;                      // the opening tag
  std::function<Result<std::string>()> render_body;  // renders the body in the current scope
};

struct BlockTag {
  enum class Kind {
    Macro,  // defines a macro (header params are its parameters) under the name macro_name()
    Body,   // body captured; on_render is called where the block stands
  };
  std::string name;  // the tag; it is closed by "end" + name
  Kind kind = Kind::Macro;
  // Kind::Macro: the macro's name, e.g. "materialization_table_duckdb" (an Error becomes a
  // syntax error at the tag).
  std::function<Result<std::string>(const TagHeader&)> macro_name;
  // Kind::Body: output for the block (usually ""); may be empty, then the block renders nothing.
  std::function<Result<Value>(CallContext&, const TagBlock&)> on_render;
};

}  // namespace strata::jinja
