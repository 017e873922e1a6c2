#include "graph/selector_methods.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "graph/fnmatch.h"

namespace strata::graph {

using manifest::ResourceType;

namespace {

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t pos = text.find(sep, start);
    out.push_back(text.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
    if (pos == std::string::npos) return out;
    start = pos + 1;
  }
}

std::string join(const std::vector<std::string>& parts, size_t from, char sep) {
  std::string out;
  for (size_t i = from; i < parts.size(); ++i) {
    if (i > from) out += sep;
    out += parts[i];
  }
  return out;
}

bool iequals(const std::string& a, const char* b) {
  size_t n = std::char_traits<char>::length(b);
  if (a.size() != n) return false;
  for (size_t i = 0; i < n; ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// dbt's UnparsedVersion ordering: numeric when both parse as numbers, else as strings.
int compare_versions(const std::string& a, const std::string& b) {
  double x = 0, y = 0;
  auto [pa, ea] = std::from_chars(a.data(), a.data() + a.size(), x);
  auto [pb, eb] = std::from_chars(b.data(), b.data() + b.size(), y);
  if (ea == std::errc() && eb == std::errc() && pa == a.data() + a.size() && pb == b.data() + b.size())
    return x < y ? -1 : (x > y ? 1 : 0);
  return a < b ? -1 : (a > b ? 1 : 0);
}

// A config value compared with a selector value as dbt does: equal strings, booleans by
// "true"/"false" in any case, list membership. (Numbers by their JSON text: a strata
// extension, dbt compares a string to a number and never matches.)
bool config_scalar_matches(const manifest::Json& value, const std::string& selector, bool case_insensitive) {
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    return case_insensitive ? iequals(selector, s.c_str()) : s == selector;
  }
  if (value.is_boolean()) return iequals(selector, value.get<bool>() ? "true" : "false");
  if (value.is_number()) return value.dump() == selector;
  return false;
}

bool config_matches(const manifest::Json& config, const std::vector<std::string>& path, const std::string& selector) {
  const manifest::Json* value = &config;
  for (const auto& key : path) {
    if (!value->is_object()) return false;
    auto it = value->find(key);
    if (it == value->end()) return false;
    value = &*it;
  }
  bool case_insensitive = path.size() == 1 && path[0] == "severity";
  if (value->is_array()) {
    for (const auto& item : *value)
      if (config_scalar_matches(item, selector, case_insensitive)) return true;
    return false;
  }
  return config_scalar_matches(*value, selector, case_insensitive);
}

bool path_matches(const Node& node, const std::string& pattern) {
  // The file itself or any folder above it (dbt globs the project and keeps nodes whose
  // file or folder was found).
  const std::string& ofp = node.original_file_path;
  if (!ofp.empty()) {
    if (glob_path_match(ofp, pattern)) return true;
    for (size_t slash = ofp.find('/'); slash != std::string::npos; slash = ofp.find('/', slash + 1))
      if (glob_path_match(std::string_view(ofp).substr(0, slash), pattern)) return true;
  }
  if (!node.patch_path.empty()) {
    std::string_view patch = node.patch_path;
    if (size_t scheme = patch.find("://"); scheme != std::string_view::npos) patch.remove_prefix(scheme + 3);
    if (glob_path_match(patch, pattern)) return true;
  }
  return false;
}

bool file_matches(const Node& node, const std::string& pattern) {
  std::string_view path = node.original_file_path;
  std::string_view name = path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
  if (name.empty()) return false;
  if (fnmatch(name, pattern)) return true;
  size_t dot = name.rfind('.');
  std::string_view stem = dot == std::string_view::npos || dot == 0 ? name : name.substr(0, dot);
  return fnmatch(stem, pattern);
}

// "name" or "package.name", each part with wildcards.
bool package_and_name_match(const std::string& package, const std::string& name, const std::string& value) {
  auto parts = split(value, '.');
  if (parts.size() == 1) return fnmatch(name, parts[0]);
  return parts.size() == 2 && fnmatch(package, parts[0]) && fnmatch(name, parts[1]);
}

// name or package.name (also name_v<version> for a unit test pinned to a version, as
// `dbt ls` prints it), or package.model.name with the tested model's name.
bool unit_test_matches(const Graph& graph, const Node& node, const std::string& value) {
  auto parts = split(value, '.');
  if (parts.size() != 3) {
    if (package_and_name_match(node.package_name, node.name, value)) return true;
    return node.version && package_and_name_match(node.package_name, node.name + "_v" + *node.version, value);
  }
  if (!fnmatch(node.package_name, parts[0]) || !fnmatch(node.name, parts[2])) return false;
  for (NodeId parent : graph.parents(node.id)) {
    const Node& model = graph.node(parent);
    if (model.type != ResourceType::Model) continue;
    std::string versioned = model.name + (model.version ? "_v" + *model.version : "");
    if (fnmatch(versioned, parts[1]) || fnmatch(model.name, parts[1])) return true;
  }
  return false;
}

bool source_matches(const Node& node, const std::string& value) {
  auto parts = split(value, '.');
  std::string package = "*", source, table = "*";
  if (parts.size() == 1) {
    source = parts[0];
  } else if (parts.size() == 2) {
    source = parts[0];
    table = parts[1];
  } else if (parts.size() == 3) {
    package = parts[0];
    source = parts[1];
    table = parts[2];
  } else {
    return false;
  }
  return fnmatch(node.package_name, package) && fnmatch(node.source_name, source) && fnmatch(node.name, table);
}

bool version_matches(const Node& node, const std::string& value) {
  if (node.type != ResourceType::Model) return false;
  const auto& v = node.version;
  const auto& latest = node.latest_version;
  if (value == "latest") return v && latest && *v == *latest;
  if (value == "prerelease") return v && latest && compare_versions(*v, *latest) > 0;
  if (value == "old") return v && latest && compare_versions(*v, *latest) < 0;
  if (value == "none") return !v.has_value();
  return v && compare_versions(*v, value) == 0;  // strata extension: an exact version
}

bool is_generic_test(const Node& node) { return node.type == ResourceType::Test && node.test_metadata.has_value(); }

bool test_type_matches(const Node& node, const std::string& value) {
  if (value == "generic" || value == "schema") return is_generic_test(node);
  if (value == "singular") return node.type == ResourceType::Test && !node.test_metadata;
  if (value == "data") return node.type == ResourceType::Test;
  if (value == "unit") return node.type == ResourceType::UnitTest;
  return false;
}

// dbt node types strata has no nodes for: valid in resource_type:, match nothing.
bool is_dbt_only_resource_type(const std::string& value) {
  return value == "metric" || value == "semantic_model" || value == "saved_query" || value == "group" ||
         value == "rpc" || value == "sql_operation" || value == "fixture";
}

// dbt's fqn matching, with the selector split once and no allocation per node unless a
// wildcard needs the rest of the fqn as one string.
class FqnMatcher {
 public:
  explicit FqnMatcher(const std::string& selector) : selector_(selector), parts_(split(selector, '.')) {
    for (size_t i = 0; i < parts_.size() && wildcard_at_ == kNone; ++i)
      if (has_wildcard(parts_[i])) wildcard_at_ = i;
    if (wildcard_at_ != kNone) wildcard_pattern_ = join(parts_, wildcard_at_, '.');
    versioned_tail_ = parts_.size() >= 2 ? parts_[parts_.size() - 2] + "_" + parts_.back() : parts_.back();
  }

  // The fqn itself, or without its package (matching across packages).
  bool matches(const std::vector<std::string>& fqn, bool versioned) const {
    return matches_from(fqn, 0, versioned) || (fqn.size() >= 2 && matches_from(fqn, 1, versioned));
  }

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  bool matches_from(const std::vector<std::string>& fqn, size_t first, bool versioned) const {
    const size_t n = fqn.size();
    if (n <= first) return false;
    if (versioned && n - first >= 2) {
      const std::string& name = fqn[n - 2];
      const std::string& version = fqn[n - 1];
      if (name == selector_) return true;
      if (versioned_tail_.size() == name.size() + 1 + version.size() &&
          versioned_tail_.compare(0, name.size(), name) == 0 && versioned_tail_[name.size()] == '_' &&
          versioned_tail_.compare(name.size() + 1, std::string::npos, version) == 0)
        return true;
    } else if (!versioned && fqn.back() == selector_) {
      return true;
    }
    // Walk the fqn split on dots too (dots inside parts act as separators).
    size_t flat_count = 0;
    for (size_t i = first; i < n; ++i) flat_count += 1 + static_cast<size_t>(std::count(fqn[i].begin(), fqn[i].end(), '.'));
    if (flat_count < parts_.size()) return false;
    size_t seg = first, pos = 0;
    for (size_t k = 0; k < parts_.size(); ++k) {
      const std::string& segment = fqn[seg];
      if (k == wildcard_at_) {
        std::string rest = segment.substr(pos);
        for (size_t j = seg + 1; j < n; ++j) rest += "." + fqn[j];
        return fnmatch(rest, wildcard_pattern_);
      }
      size_t dot = segment.find('.', pos);
      size_t len = (dot == std::string::npos ? segment.size() : dot) - pos;
      if (segment.compare(pos, len, parts_[k]) != 0) return false;
      if (dot == std::string::npos) {
        ++seg;
        pos = 0;
      } else {
        pos = dot + 1;
      }
    }
    return true;
  }

  std::string selector_;
  std::vector<std::string> parts_;
  size_t wildcard_at_ = kNone;
  std::string wildcard_pattern_;
  std::string versioned_tail_;
};

}  // namespace

bool fqn_matches(const std::vector<std::string>& fqn, const std::string& selector, bool versioned) {
  return FqnMatcher(selector).matches(fqn, versioned);
}

SelectorMethod default_method_for(const std::string& value) {
  if (value.find('/') != std::string::npos) return SelectorMethod::Path;
  auto ends_with = [&](const char* ext) {
    std::string lower;
    for (char c : value) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string_view e = ext;
    return lower.size() >= e.size() && lower.compare(lower.size() - e.size(), e.size(), e) == 0;
  };
  if (ends_with(".sql") || ends_with(".py") || ends_with(".csv")) return SelectorMethod::File;
  return SelectorMethod::Fqn;
}

std::optional<std::string> check_method_value(SelectorMethod method, const std::vector<std::string>& args,
                                              const std::string& value) {
  switch (method) {
    case SelectorMethod::Config:
      if (args.empty()) return "the config method needs a key, e.g. config.materialized:table";
      break;
    case SelectorMethod::TestType:
      if (value != "generic" && value != "schema" && value != "singular" && value != "data" && value != "unit")
        return "invalid test_type '" + value + "': expected generic, singular, unit or data";
      break;
    case SelectorMethod::ResourceType:
      if (!manifest::parse_resource_type(value) && !is_dbt_only_resource_type(value))
        return "invalid resource_type '" + value +
               "': expected one of model, seed, snapshot, test, unit_test, analysis, operation, source, exposure";
      break;
    case SelectorMethod::Version: {
      bool numeric = !value.empty();
      for (char c : value) numeric = numeric && (std::isdigit(static_cast<unsigned char>(c)) || c == '.');
      if (value != "latest" && value != "prerelease" && value != "old" && value != "none" && !numeric)
        return "invalid version selector '" + value + "': expected latest, prerelease, old, none or a version number";
      break;
    }
    case SelectorMethod::Source:
      if (split(value, '.').size() > 3)
        return "invalid source selector '" + value +
               "': expected source_name, source_name.table_name or package.source_name.table_name";
      break;
    case SelectorMethod::UnitTest:
      if (split(value, '.').size() > 3)
        return "invalid unit_test selector '" + value + "': expected name, package.name or package.model.name";
      break;
    case SelectorMethod::Exposure:
    case SelectorMethod::Metric:
    case SelectorMethod::SemanticModel:
    case SelectorMethod::SavedQuery:
      if (split(value, '.').size() > 2)
        return std::string("invalid ") + selector_method_name(method) + " selector '" + value +
               "': expected name or package.name";
      break;
    case SelectorMethod::Path:
      if (!value.empty() && value[0] == '/') return "path: selectors are relative to the project root";
      break;
    case SelectorMethod::State:
      if (!parse_state_value(value))
        return "invalid state selector '" + value +
               "': expected new, old, modified, unmodified or modified.body|configs|relation|"
               "persisted_descriptions|macros|contract";
      break;
    case SelectorMethod::SourceStatus:
      if (value != "fresher") return "invalid source_status selector '" + value + "': expected fresher";
      break;
    case SelectorMethod::Result:
      if (value != "success" && value != "error" && value != "fail" && value != "warn" && value != "pass" &&
          value != "skipped" && value != "runtime error")
        return "invalid result selector '" + value + "': expected success, error, fail, warn, pass or skipped";
      break;
    default:
      break;
  }
  if (method != SelectorMethod::Config && !args.empty())
    return std::string("the ") + selector_method_name(method) + " method takes no '." + args[0] + "' argument";
  return std::nullopt;
}

std::optional<StateValue> parse_state_value(const std::string& value) {
  static const std::pair<const char*, StateValue> kValues[] = {
      {"new", {StateValue::Kind::New, StateAspect::Any}},
      {"old", {StateValue::Kind::Old, StateAspect::Any}},
      {"modified", {StateValue::Kind::Modified, StateAspect::Any}},
      {"unmodified", {StateValue::Kind::Unmodified, StateAspect::Any}},
      {"modified.body", {StateValue::Kind::Modified, StateAspect::Body}},
      {"modified.configs", {StateValue::Kind::Modified, StateAspect::Configs}},
      {"modified.relation", {StateValue::Kind::Modified, StateAspect::Relation}},
      {"modified.persisted_descriptions", {StateValue::Kind::Modified, StateAspect::PersistedDescriptions}},
      {"modified.macros", {StateValue::Kind::Modified, StateAspect::Macros}},
      {"modified.contract", {StateValue::Kind::Modified, StateAspect::Contract}},
  };
  for (const auto& [name, parsed] : kValues)
    if (value == name) return parsed;
  return std::nullopt;
}

namespace {

bool state_matches(const PreviousState& state, const Node& node, const StateValue& wanted) {
  bool existed = state.existed(node);
  switch (wanted.kind) {
    case StateValue::Kind::New: return !existed;
    case StateValue::Kind::Old: return existed;
    // dbt: a new node is modified in every respect.
    case StateValue::Kind::Modified: return !existed || state.modified(node, wanted.aspect);
    case StateValue::Kind::Unmodified: return existed && !state.modified(node, StateAspect::Any);
  }
  return false;
}

}  // namespace

NodeSet search_method(const Graph& graph, const SelectionCriteria& criteria, const PreviousState* state) {
  NodeSet out = graph.empty_set();
  const std::string& value = criteria.value;
  std::string package_value = value;
  if (criteria.method == SelectorMethod::Package && value == "this") package_value = graph.manifest().project_name;
  std::optional<ResourceType> resource_type;
  if (criteria.method == SelectorMethod::ResourceType) {
    resource_type = manifest::parse_resource_type(value);
    if (!resource_type) return out;
  }

  std::optional<FqnMatcher> fqn_matcher;
  if (criteria.method == SelectorMethod::Fqn) fqn_matcher.emplace(value);
  std::optional<StateValue> state_value;
  if (criteria.method == SelectorMethod::State) state_value = parse_state_value(value);
  if ((criteria.method == SelectorMethod::State && (!state || !state_value)) ||
      ((criteria.method == SelectorMethod::Result || criteria.method == SelectorMethod::SourceStatus) && !state))
    return out;  // select_nodes reports the missing --state

  graph.members().for_each([&](NodeId id) {
    const Node& node = graph.node(id);
    bool hit = false;
    switch (criteria.method) {
      case SelectorMethod::Fqn:
        hit = node.type != ResourceType::Source && fqn_matcher->matches(node.fqn, node.version.has_value());
        break;
      case SelectorMethod::Tag:
        for (const auto& tag : node.tags) hit = hit || fnmatch(tag, value);
        break;
      case SelectorMethod::Group: {
        auto it = node.config.find("group");
        hit = it != node.config.end() && it->is_string() && it->get_ref<const std::string&>() == value;
        break;
      }
      case SelectorMethod::Access: {
        if (node.type != ResourceType::Model) break;
        auto it = node.config.find("access");
        std::string access = it != node.config.end() && it->is_string() ? it->get<std::string>() : "protected";
        hit = access == value;
        break;
      }
      case SelectorMethod::Source:
        hit = node.type == ResourceType::Source && source_matches(node, value);
        break;
      case SelectorMethod::Path: hit = path_matches(node, value); break;
      case SelectorMethod::File: hit = file_matches(node, value); break;
      case SelectorMethod::Package: hit = fnmatch(node.package_name, package_value); break;
      case SelectorMethod::Config:
        hit = node.type != ResourceType::Exposure && node.type != ResourceType::UnitTest &&
              config_matches(node.config, criteria.method_args, value);
        break;
      case SelectorMethod::TestName:
        hit = is_generic_test(node) && fnmatch(node.test_metadata->name, value);
        break;
      case SelectorMethod::TestType: hit = test_type_matches(node, value); break;
      case SelectorMethod::ResourceType: hit = node.type == *resource_type; break;
      case SelectorMethod::Exposure:
        hit = node.type == ResourceType::Exposure && package_and_name_match(node.package_name, node.name, value);
        break;
      case SelectorMethod::UnitTest:
        hit = node.type == ResourceType::UnitTest && unit_test_matches(graph, node, value);
        break;
      case SelectorMethod::Metric:
      case SelectorMethod::SemanticModel:
      case SelectorMethod::SavedQuery:
        break;  // strata has no such nodes
      case SelectorMethod::Version: hit = version_matches(node, value); break;
      case SelectorMethod::State: hit = state_matches(*state, node, *state_value); break;
      case SelectorMethod::Result: hit = state->result_status(node) == value; break;
      case SelectorMethod::SourceStatus: hit = node.type == ResourceType::Source && state->fresher(node); break;
    }
    if (hit) out.insert(id);
  });
  return out;
}

}  // namespace strata::graph
