#include "graph/selection_spec.h"

namespace strata::graph {

namespace {

struct MethodName {
  SelectorMethod method;
  const char* name;
};
constexpr MethodName kMethods[] = {
    {SelectorMethod::Fqn, "fqn"},
    {SelectorMethod::Tag, "tag"},
    {SelectorMethod::Group, "group"},
    {SelectorMethod::Access, "access"},
    {SelectorMethod::Source, "source"},
    {SelectorMethod::Path, "path"},
    {SelectorMethod::File, "file"},
    {SelectorMethod::Package, "package"},
    {SelectorMethod::Config, "config"},
    {SelectorMethod::TestName, "test_name"},
    {SelectorMethod::TestType, "test_type"},
    {SelectorMethod::ResourceType, "resource_type"},
    {SelectorMethod::Exposure, "exposure"},
    {SelectorMethod::Metric, "metric"},
    {SelectorMethod::SemanticModel, "semantic_model"},
    {SelectorMethod::SavedQuery, "saved_query"},
    {SelectorMethod::UnitTest, "unit_test"},
    {SelectorMethod::Version, "version"},
    {SelectorMethod::State, "state"},
    {SelectorMethod::Result, "result"},
    {SelectorMethod::SourceStatus, "source_status"},
};

struct ModeName {
  IndirectSelection mode;
  const char* name;
};
constexpr ModeName kModes[] = {
    {IndirectSelection::Eager, "eager"},
    {IndirectSelection::Cautious, "cautious"},
    {IndirectSelection::Buildable, "buildable"},
    {IndirectSelection::Empty, "empty"},
};

}  // namespace

const char* indirect_selection_name(IndirectSelection mode) {
  for (const auto& entry : kModes)
    if (entry.mode == mode) return entry.name;
  return "eager";
}

std::optional<IndirectSelection> parse_indirect_selection(const std::string& name) {
  for (const auto& entry : kModes)
    if (name == entry.name) return entry.mode;
  return std::nullopt;
}

const char* selector_method_name(SelectorMethod method) {
  for (const auto& entry : kMethods)
    if (entry.method == method) return entry.name;
  return "fqn";
}

std::optional<SelectorMethod> parse_selector_method(const std::string& name) {
  for (const auto& entry : kMethods)
    if (name == entry.name) return entry.method;
  return std::nullopt;
}

std::string valid_selector_methods() {
  std::string out;
  for (const auto& entry : kMethods) {
    if (!out.empty()) out += ", ";
    out += entry.name;
  }
  return out;
}

std::string SelectionCriteria::to_string() const {
  std::string out;
  if (childrens_parents) out += "@";
  if (parents) out += (parents_depth ? std::to_string(*parents_depth) : "") + "+";
  out += selector_method_name(method);
  for (const auto& arg : method_args) out += "." + arg;
  out += ":" + value;
  if (children) out += "+" + (children_depth ? std::to_string(*children_depth) : "");
  if (indirect_selection) out += std::string(" [indirect_selection=") + indirect_selection_name(*indirect_selection) + "]";
  return out;
}

SelectionSpec SelectionSpec::of(SelectionCriteria criteria) {
  SelectionSpec spec;
  spec.kind = Kind::Criteria;
  spec.raw = criteria.raw;
  spec.criteria = std::move(criteria);
  return spec;
}

SelectionSpec SelectionSpec::group(Kind kind, std::vector<SelectionSpec> components, std::string raw) {
  SelectionSpec spec;
  spec.kind = kind;
  spec.components = std::move(components);
  spec.raw = std::move(raw);
  return spec;
}

std::string SelectionSpec::to_string() const {
  const char* name = "";
  switch (kind) {
    case Kind::Criteria: return criteria.to_string();
    case Kind::Union: name = "union"; break;
    case Kind::Intersection: name = "intersection"; break;
    case Kind::Difference: name = "difference"; break;
  }
  std::string out = std::string(name) + "(";
  for (size_t i = 0; i < components.size(); ++i) {
    if (i) out += ", ";
    out += components[i].to_string();
  }
  return out + ")";
}

}  // namespace strata::graph
