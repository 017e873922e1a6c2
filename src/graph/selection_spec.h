#pragma once
// A parsed selection, as plain data: what --select/--exclude/--selector mean before they
// are evaluated against a graph. to_string() prints it for tests and --debug output.
#include <optional>
#include <string>
#include <vector>

#include "common/source_span.h"

namespace strata::graph {

// How tests (and unit tests) whose parents are selected join the selection.
enum class IndirectSelection {
  Eager,      // any parent selected
  Cautious,   // all parents selected
  Buildable,  // all parents selected or upstream of the selection
  Empty,      // never
};
const char* indirect_selection_name(IndirectSelection mode);
std::optional<IndirectSelection> parse_indirect_selection(const std::string& name);

enum class SelectorMethod {
  Fqn,
  Tag,
  Group,
  Access,
  Source,
  Path,
  File,
  Package,
  Config,
  TestName,
  TestType,
  ResourceType,
  Exposure,
  Metric,
  SemanticModel,
  SavedQuery,
  UnitTest,
  Version,
  State,   // state:new|old|modified[.body|.configs|...]|unmodified, against --state
  Result,  // result:<status> of the --state run_results.json
  SourceStatus,  // source_status:fresher, this target's sources.json against --state's
};
const char* selector_method_name(SelectorMethod method);
std::optional<SelectorMethod> parse_selector_method(const std::string& name);
// "fqn, tag, group, ..." for error messages.
std::string valid_selector_methods();

// One `[@][n+]method[.arg...]:value[+n]` atom.
struct SelectionCriteria {
  std::string raw;                       // as written
  SelectorMethod method = SelectorMethod::Fqn;
  std::vector<std::string> method_args;  // config.meta.owner -> {"meta", "owner"}
  std::string value;
  bool childrens_parents = false;        // @x
  bool parents = false;                  // +x / n+x
  std::optional<int> parents_depth;
  bool children = false;                 // x+ / x+n
  std::optional<int> children_depth;
  // Set by a YAML selector's indirect_selection:, else the invocation's mode applies.
  std::optional<IndirectSelection> indirect_selection;
  SourceSpan span;                       // where it was written (selector string or YAML)

  // Canonical form, e.g. "2+config.materialized:table+".
  std::string to_string() const;
};

struct SelectionSpec {
  enum class Kind { Criteria, Union, Intersection, Difference };

  Kind kind = Kind::Criteria;
  SelectionCriteria criteria;              // Kind::Criteria
  std::vector<SelectionSpec> components;   // other kinds; Difference: first minus the rest
  std::string raw;                         // the text it came from, for warnings
  // dbt warns "does not match any enabled nodes" for each space-separated --select term.
  bool expect_exists = false;
  std::optional<IndirectSelection> indirect_selection;

  static SelectionSpec of(SelectionCriteria criteria);
  static SelectionSpec group(Kind kind, std::vector<SelectionSpec> components, std::string raw = {});

  // e.g. "difference(union(tag:nightly, +fqn:orders), union())"
  std::string to_string() const;
};

}  // namespace strata::graph
