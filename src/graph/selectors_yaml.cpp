#include "graph/selectors_yaml.h"

#include "graph/selector_methods.h"
#include "graph/selector_parser.h"
#include "project/yaml_document.h"

namespace strata::graph {

namespace {

using Kind = SelectionSpec::Kind;

class SelectorsParser {
 public:
  explicit SelectorsParser(std::shared_ptr<const SourceText> file) : file_(std::move(file)) {}

  Result<SelectorDefinitions> parse(const yaml::Node& root);

 private:
  SourceSpan span_of(const yaml::Node& node, size_t length = 1) const {
    return span_at_mark(node.Mark(), length);
  }
  SourceSpan span_at_mark(const yaml::Mark& mark, size_t length) const {
    if (mark.pos < 0 || mark.line < 0) return SourceSpan{nullptr, file_->path, 0, 0, 1};
    if (!file_->content.empty()) return SourceSpan::at_offset(file_, static_cast<size_t>(mark.pos), static_cast<uint32_t>(length));
    return SourceSpan{nullptr, file_->path, static_cast<uint32_t>(mark.line + 1), static_cast<uint32_t>(mark.column + 1),
                      static_cast<uint32_t>(length)};
  }
  Error error(const yaml::Node& at, std::string message, std::string hint = {}) const {
    size_t length = at.IsScalar() ? std::max<size_t>(1, at.Scalar().size()) : 1;
    Error e(ErrorCode::Config, std::move(message), span_of(at, length));
    e.hint = std::move(hint);
    return e;
  }

  Result<SelectionSpec> definition(const yaml::Node& node, bool root_level);
  Result<SelectionSpec> set_operation(const yaml::Node& owner, const yaml::Node& list, Kind kind);
  Result<SelectionSpec> exclusions(const yaml::Node& list);
  Result<SelectionSpec> criteria_string(const yaml::Node& node);
  Result<SelectionSpec> criteria_map(const yaml::Node& node);
  Result<SelectionSpec> selector_reference(const yaml::Node& value_node);

  std::shared_ptr<const SourceText> file_;
  SelectorDefinitions defined_;  // selectors parsed so far, for `method: selector`
};

// A YAML 1.1 boolean (true/false, yes/no, on/off in their cases), as PyYAML reads it.
std::optional<bool> yaml_bool(const yaml::Node& node) {
  project::Json value = project::scalar_to_json(node);
  if (!node.IsScalar() || !value.is_boolean()) return std::nullopt;
  return value.get<bool>();
}

// A whole number from 0 up.
std::optional<int> yaml_depth(const yaml::Node& node) {
  project::Json value = project::scalar_to_json(node);
  if (!node.IsScalar() || !value.is_number_integer()) return std::nullopt;
  int64_t n = value.get<int64_t>();
  if (n < 0 || n > INT32_MAX) return std::nullopt;
  return static_cast<int>(n);
}

std::string describe_keys(const yaml::Node& map) {
  std::string out;
  for (const auto& entry : map) {
    if (!out.empty()) out += ", ";
    out += entry.first.IsScalar() ? entry.first.Scalar() : std::string("?");
  }
  return "[" + out + "]";
}

Result<SelectorDefinitions> SelectorsParser::parse(const yaml::Node& root) {
  if (!root || root.IsNull()) return SelectorDefinitions{};
  if (!root.IsMap() || !root["selectors"])
    return error(root, "selectors.yml must be a mapping with a top-level 'selectors:' list");
  const yaml::Node list = root["selectors"];
  if (list.IsNull()) return SelectorDefinitions{};
  if (!list.IsSequence()) return error(list, "'selectors:' must be a list of selector definitions");

  for (const yaml::Node& item : list) {
    if (!item.IsMap()) return error(item, "each selector must be a mapping with 'name' and 'definition'");
    SelectorDefinition def;
    def.span = span_of(item);
    std::optional<yaml::Node> name, definition_node;
    for (const auto& entry : item) {
      std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
      if (key == "name") {
        if (!entry.second.IsScalar() || entry.second.Scalar().empty())
          return error(entry.second, "a selector's 'name' must be a non-empty string");
        name.emplace(entry.second);
        def.name = name->Scalar();
        def.span = span_of(*name, def.name.size());
      } else if (key == "description") {
        if (!entry.second.IsScalar()) return error(entry.second, "'description' must be a string");
        def.description = entry.second.Scalar();
      } else if (key == "default") {
        auto flag = yaml_bool(entry.second);
        if (!flag) return error(entry.second, "'default' must be true or false");
        def.is_default = *flag;
      } else if (key == "definition") {
        definition_node.emplace(entry.second);
      } else {
        return error(entry.first, "unknown key '" + key + "' in a selector",
                     "a selector has name, description, default and definition");
      }
    }
    if (!name) return error(item, "this selector has no 'name'");
    if (!definition_node) return error(*name, "selector '" + def.name + "' has no 'definition'");
    if (const SelectorDefinition* earlier = defined_.find(def.name))
      return error(*name, "selector '" + def.name + "' is defined twice",
                   "the first definition is at " + earlier->span.location());
    if (def.is_default)
      if (const SelectorDefinition* other = defined_.default_selector())
        return error(item["default"], "more than one selector has 'default: true' ('" + other->name + "' and '" +
                                          def.name + "')",
                     "only one selector can be the default");
    auto spec = definition(*definition_node, true);
    if (!spec.ok()) return std::move(spec).error();
    def.spec = std::move(spec).value();
    if (def.spec.raw.empty()) def.spec.raw = def.name;
    defined_.selectors.push_back(std::move(def));
  }
  return std::move(defined_);
}

Result<SelectionSpec> SelectorsParser::definition(const yaml::Node& node, bool root_level) {
  if (node.IsScalar()) return criteria_string(node);
  if (!node.IsMap())
    return error(node, "expected a selector string, a {method: value} mapping, or union:/intersection: lists");
  bool has_union = static_cast<bool>(node["union"]), has_intersection = static_cast<bool>(node["intersection"]);
  if ((has_union || has_intersection) && root_level && node.size() > 1)
    return error(node, "only a single 'union' or 'intersection' key is allowed at the root of a selector "
                       "definition; found " + describe_keys(node));
  if (has_union) return set_operation(node, node["union"], Kind::Union);
  if (has_intersection) return set_operation(node, node["intersection"], Kind::Intersection);
  return criteria_map(node);
}

Result<SelectionSpec> SelectorsParser::set_operation(const yaml::Node& owner, const yaml::Node& list, Kind kind) {
  const char* key = kind == Kind::Union ? "union" : "intersection";
  if (!list.IsSequence()) return error(list.IsNull() ? owner : list, std::string("'") + key + "' must be a list");
  std::vector<SelectionSpec> parts;
  std::optional<SelectionSpec> excluded;
  for (const yaml::Node& item : list) {
    if (item.IsMap() && item["exclude"]) {
      if (excluded)
        return error(item, std::string("only one 'exclude' is allowed in the same '") + key + "' list",
                     "list everything to exclude under a single exclude:");
      auto ex = exclusions(item["exclude"]);
      if (!ex.ok()) return std::move(ex).error();
      excluded = std::move(ex).value();
      continue;
    }
    if (!item.IsMap() && !item.IsScalar())
      return error(item, std::string("items of '") + key + "' must be selector strings or mappings");
    auto part = definition(item, false);
    if (!part.ok()) return std::move(part).error();
    parts.push_back(std::move(part).value());
  }
  SelectionSpec spec = SelectionSpec::group(kind, std::move(parts));
  if (!excluded) return spec;
  std::vector<SelectionSpec> diff;
  diff.push_back(std::move(spec));
  diff.push_back(std::move(*excluded));
  return SelectionSpec::group(Kind::Difference, std::move(diff));
}

Result<SelectionSpec> SelectorsParser::exclusions(const yaml::Node& list) {
  if (!list.IsSequence()) return error(list, "'exclude' must be a list");
  std::vector<SelectionSpec> parts;
  for (const yaml::Node& item : list) {
    auto part = definition(item, false);
    if (!part.ok()) return std::move(part).error();
    parts.push_back(std::move(part).value());
  }
  if (parts.size() == 1) return std::move(parts[0]);
  return SelectionSpec::group(Kind::Union, std::move(parts));
}

Result<SelectionSpec> SelectorsParser::criteria_string(const yaml::Node& node) {
  const std::string& text = node.Scalar();
  // Point into the file when the scalar appears there verbatim (plain or simply quoted).
  size_t start = std::string::npos;
  if (!file_->content.empty() && node.Mark().pos >= 0) {
    size_t pos = static_cast<size_t>(node.Mark().pos);
    if (pos < file_->content.size() && (file_->content[pos] == '"' || file_->content[pos] == '\'')) ++pos;
    if (file_->content.compare(pos, text.size(), text) == 0) start = pos;
  }
  yaml::Mark mark = node.Mark();
  SpanAt span_at = [this, start, mark](size_t offset, size_t length) {
    if (start == std::string::npos) return span_at_mark(mark, 1);
    return SourceSpan::at_offset(file_, start + offset, static_cast<uint32_t>(length));
  };
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == ' ' || text[i] == ',')
      return Error(ErrorCode::Config,
                   "a selector string in selectors.yml is a single criterion; '" + std::string(1, text[i]) +
                       "' does not combine criteria here",
                   span_at(i, 1))
          .with_hint("list several criteria under union: or intersection:");
  auto criteria = parse_criteria(text, span_at);
  if (!criteria.ok()) {
    Error e = std::move(criteria).error();
    e.code = ErrorCode::Config;
    return e;
  }
  return SelectionSpec::of(std::move(criteria).value());
}

Result<SelectionSpec> SelectorsParser::selector_reference(const yaml::Node& value_node) {
  if (!value_node.IsScalar()) return error(value_node, "'selector' needs the name of another selector");
  const SelectorDefinition* found = defined_.find(value_node.Scalar());
  if (!found)
    return error(value_node, "no selector named '" + value_node.Scalar() + "' is defined above this one",
                 "a selector can only use selectors defined before it in selectors.yml");
  return found->spec;
}

Result<SelectionSpec> SelectorsParser::criteria_map(const yaml::Node& node) {
  std::optional<yaml::Node> method_opt, value_opt, exclude_node;
  SelectionCriteria c;
  if (node.size() == 1) {
    auto entry = *node.begin();
    method_opt.emplace(entry.first);
    value_opt.emplace(entry.second);
  } else {
    if (node["method"] && node["method"].IsScalar() && node["method"].Scalar() == "selector") {
      if (!node["value"]) return error(node, "'method: selector' needs a 'value' naming another selector");
      return selector_reference(node["value"]);
    }
    if (!node["method"] || !node["value"])
      return error(node, "expected either one `method: value` key or 'method' and 'value' keys, but got " +
                             describe_keys(node));
    for (const auto& entry : node) {
      std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
      const yaml::Node& v = entry.second;
      if (key == "method") {
        method_opt.emplace(v);
      } else if (key == "value") {
        value_opt.emplace(v);
      } else if (key == "exclude") {
        exclude_node.emplace(v);
      } else if (key == "children" || key == "parents" || key == "childrens_parents") {
        auto flag = yaml_bool(v);
        if (!flag) return error(v, "'" + key + "' must be true or false");
        (key == "children" ? c.children : key == "parents" ? c.parents : c.childrens_parents) = *flag;
      } else if (key == "children_depth" || key == "parents_depth") {
        auto depth = yaml_depth(v);
        if (!depth) return error(v, "'" + key + "' must be a non-negative whole number");
        (key == "children_depth" ? c.children_depth : c.parents_depth) = *depth;
      } else if (key == "indirect_selection") {
        auto mode = v.IsScalar() ? parse_indirect_selection(v.Scalar()) : std::nullopt;
        if (!mode) return error(v, "'indirect_selection' must be one of eager, cautious, buildable, empty");
        c.indirect_selection = mode;
      } else {
        return error(entry.first, "unknown key '" + key + "' in a selector criterion",
                     "criteria take method, value, children, parents, childrens_parents, children_depth, "
                     "parents_depth, indirect_selection and exclude");
      }
    }
  }
  const yaml::Node& method_node = *method_opt;
  const yaml::Node& value_node = *value_opt;
  if (!method_node.IsScalar()) return error(method_node, "the selector method must be a string");
  std::string method_text = method_node.Scalar();
  if (method_text == "selector") return selector_reference(value_node);
  if (value_node.IsNull()) return error(method_node, "'" + method_text + "' needs a value");
  if (!value_node.IsScalar())
    return error(value_node, "the value for '" + method_text + "' must be a single value, not a list or mapping");

  std::vector<std::string> parts;
  for (size_t start = 0;;) {
    size_t dot = method_text.find('.', start);
    parts.push_back(method_text.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  auto method = parse_selector_method(parts[0]);
  if (!method)
    return error(method_node, "'" + parts[0] + "' is not a valid selector method; valid methods are: " +
                                  valid_selector_methods());
  c.method = *method;
  c.method_args.assign(parts.begin() + 1, parts.end());
  c.value = value_node.Scalar();
  c.raw = method_text + ":" + c.value;
  c.span = span_of(method_node, method_text.size());
  if (c.childrens_parents && c.children)
    return error(node, "'childrens_parents' and 'children' cannot be combined",
                 "childrens_parents already selects the node's descendants");
  if (auto problem = check_method_value(c.method, c.method_args, c.value)) {
    bool about_args = c.method == SelectorMethod::Config ? c.method_args.empty() : !c.method_args.empty();
    return error(about_args ? method_node : value_node, *problem);
  }

  SelectionSpec base = SelectionSpec::of(std::move(c));
  if (!exclude_node) return base;
  auto excluded = exclusions(*exclude_node);
  if (!excluded.ok()) return std::move(excluded).error();
  std::vector<SelectionSpec> diff;
  diff.push_back(std::move(base));
  diff.push_back(std::move(excluded).value());
  return SelectionSpec::group(Kind::Difference, std::move(diff));
}

}  // namespace

Result<SelectorDefinitions> parse_selectors_yaml(const yaml::Node& root, std::shared_ptr<const SourceText> file) {
  if (!file) file = std::make_shared<SourceText>(SourceText{"selectors.yml", ""});
  SelectorsParser parser(std::move(file));
  return parser.parse(root);
}

}  // namespace strata::graph
