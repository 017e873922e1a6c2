#include "parser/generic_tests.h"

#include <map>
#include <set>

#include "common/hash.h"
#include "jinja/value.h"
#include "parser/yaml_values.h"

namespace strata::parser {

using manifest::Node;
using manifest::ResourceType;

namespace {

const std::set<std::string>& test_config_keys() {
  static const std::set<std::string> keys = {"severity", "tags", "enabled", "where", "limit", "warn_if", "error_if",
                                             "fail_calc", "store_failures", "store_failures_as", "meta", "alias",
                                             "database", "schema", "group"};
  return keys;
}

std::string flatten(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "None";
  if (v.is_boolean()) return v.get<bool>() ? "True" : "False";
  return v.dump();
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

// ^\s*(ref|source)\s*\(.*\)\s*$ as std::regex (ECMAScript) reads it: `.` stops at line
// breaks, so the text between the parentheses has no \n or \r.
bool is_jinja_expression(const std::string& s) {
  size_t i = 0, end = s.size();
  while (i < end && is_space(s[i])) ++i;
  std::string_view rest(s.data() + i, end - i);
  if (rest.starts_with("ref")) i += 3;
  else if (rest.starts_with("source")) i += 6;
  else return false;
  while (i < end && is_space(s[i])) ++i;
  if (i == end || s[i] != '(') return false;
  while (end > i + 1 && is_space(s[end - 1])) --end;
  if (end <= i + 1 || s[end - 1] != ')') return false;
  for (size_t k = i + 1; k + 1 < end; ++k)
    if (s[k] == '\n' || s[k] == '\r') return false;
  return true;
}

// Runs of characters other than [0-9a-zA-Z_] become one '_' (dbt's re.sub(r"[^0-9a-zA-Z_]+", "_", ...)).
void append_safe(std::string& out, const std::string& text) {
  bool in_run = false;
  for (char c : text) {
    bool safe = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (safe) {
      out += c;
      in_run = false;
    } else if (!in_run) {
      out += '_';
      in_run = true;
    }
  }
}

// A Python/Jinja literal for a kwarg value; ref()/source() strings stay expressions.
std::string literal(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null: return "none";
    case Json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case Json::value_t::string: {
      const std::string& s = v.get_ref<const std::string&>();
      if (is_jinja_expression(s)) return s;
      return jinja::string_repr(s);
    }
    case Json::value_t::array: {
      std::string out = "[";
      for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + literal(v[i]);
      return out + "]";
    }
    case Json::value_t::object: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, item] : v.items()) {
        out += (first ? "" : ", ") + jinja::string_repr(k) + ": " + literal(item);
        first = false;
      }
      return out + "}";
    }
    default: return v.dump();
  }
}

}  // namespace

std::string generic_test_name(const std::string& namespace_, const std::string& test, const std::string& model_name,
                              const Json& kwargs) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : kwargs.items())
    if (k != "model") keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  std::vector<std::string> flat;
  for (const auto& k : keys) {
    const Json& v = kwargs[k];
    if (v.is_object())
      for (const auto& [_, part] : v.items()) flat.push_back(flatten(part));
    else if (v.is_array())
      for (const auto& part : v) flat.push_back(flatten(part));
    else
      flat.push_back(flatten(v));
  }
  std::string unique;
  for (size_t i = 0; i < flat.size(); ++i) {
    if (i) unique += "__";
    append_safe(unique, flat[i]);
  }
  std::string prefix = namespace_.empty() ? "" : namespace_ + "_";
  std::string full = prefix + test + "_" + model_name + (unique.empty() ? "" : "_" + unique);
  if (full.size() >= 64) return (prefix + test + "_" + model_name).substr(0, 30) + "_" + md5_hex(full);
  return full;
}

namespace {

// Python's repr() of a str, as dbt hashes it: single quotes unless the text has a single
// quote and no double quote; backslash, the quote and control characters escaped.
void python_repr(std::string& out, const std::string& text) {
  char quote = (text.find('\'') != std::string::npos && text.find('"') == std::string::npos) ? '"' : '\'';
  static const char kHex[] = "0123456789abcdef";
  out += quote;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (ch == '\\' || ch == quote) {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\r') {
      out += "\\r";
    } else if (ch == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  out += quote;
}

// repr(get_hashable_md(value)) of dbt's generic test parser: mappings with sorted keys,
// lists kept, every other value turned into str() first (None -> 'None', true -> 'True').
void hashable_repr(std::string& out, const Json& value) {
  if (value.is_object()) {
    std::map<std::string, const Json*> sorted;
    for (const auto& [k, v] : value.items()) sorted[k] = &v;
    out += '{';
    bool first = true;
    for (const auto& [k, v] : sorted) {
      if (!first) out += ", ";
      first = false;
      python_repr(out, k);
      out += ": ";
      hashable_repr(out, *v);
    }
    out += '}';
  } else if (value.is_array()) {
    out += '[';
    for (size_t i = 0; i < value.size(); ++i) {
      if (i) out += ", ";
      hashable_repr(out, value[i]);
    }
    out += ']';
  } else if (value.is_string()) {
    python_repr(out, value.get<std::string>());
  } else if (value.is_null()) {
    python_repr(out, "None");
  } else if (value.is_boolean()) {
    python_repr(out, value.get<bool>() ? "True" : "False");
  } else {
    python_repr(out, value.dump());
  }
}

// dbt's unique_id suffix for a generic test: the last 10 hex digits of
// md5(name + repr(hashable {namespace, name, kwargs})), so ids match dbt's manifests.
std::string generic_test_hash(const std::string& node_name, const manifest::TestMetadata& metadata) {
  // hashable_repr of {kwargs, name, namespace} (keys already in sorted order), written out
  // without building that mapping.
  std::string text = node_name;
  text += "{'kwargs': ";
  hashable_repr(text, metadata.kwargs);
  text += ", 'name': ";
  python_repr(text, metadata.name);
  text += ", 'namespace': ";
  python_repr(text, metadata.namespace_.empty() ? std::string("None") : metadata.namespace_);
  text += '}';
  std::string digest = md5_hex(text);
  return digest.substr(digest.size() - 10);
}

}  // namespace

Result<PreparedTest> prepare_generic_test(const TestOwner& owner, const yaml::Node& entry, const std::string& column) {
  const auto& doc = *owner.document;
  std::string full_name;
  yaml::Node args;
  if (entry.IsScalar()) {
    full_name = entry.Scalar();
  } else if (entry.IsMap() && entry.size() == 1 && !entry["test_name"]) {
    auto it = entry.begin();
    full_name = it->first.Scalar();
    args = it->second;
  } else if (entry.IsMap() && entry["test_name"]) {
    full_name = entry["test_name"].Scalar();
    args = entry;
  } else {
    return doc.error_at(entry, "a test must be a name (not_null) or a mapping {test_name: {arguments}}");
  }
  std::string namespace_, test = full_name;
  if (size_t dot = full_name.find('.'); dot != std::string::npos) {
    namespace_ = full_name.substr(0, dot);
    test = full_name.substr(dot + 1);
  }

  Json kwargs = Json::object();
  Json config = Json::object();
  std::string custom_name;
  // Configs are rendered now, as dbt's test builder does; arguments when the test compiles.
  auto config_value = [&](const yaml::Node& n) { return yaml_value(owner.values, doc, n, owner.package); };
  if (args && !args.IsNull()) {
    if (!args.IsMap()) return doc.error_at(args, "the arguments of test '" + full_name + "' must be a mapping");
    for (const auto& a : args) {
      std::string key = a.first.Scalar();
      if (key == "test_name") continue;
      if (key == "name") custom_name = a.second.Scalar();
      else if (key == "config") {
        Json block;
        STRATA_ASSIGN(block, config_value(a.second));
        if (block.is_object()) config.update(block);
        else return doc.error_at(a.second, "the 'config' of test '" + full_name + "' must be a mapping");
      } else if (key == "arguments") {
        if (!a.second.IsMap()) return doc.error_at(a.second, "'arguments' must be a mapping");
        Json arguments = project::yaml_to_json(a.second);
        for (const auto& [k, v] : arguments.items()) kwargs[k] = v;
      } else if (key == "description") {
      } else if (test_config_keys().count(key)) STRATA_ASSIGN(config[key], config_value(a.second));
      else kwargs[key] = project::yaml_to_json(a.second);
    }
  }
  if (!column.empty()) kwargs["column_name"] = column;

  Node node;
  node.type = ResourceType::Test;
  node.package_name = owner.package;
  node.name = custom_name.empty() ? generic_test_name(namespace_, test, owner.model_name, kwargs) : custom_name;
  node.fqn = {owner.package};
  std::filesystem::path dir = std::filesystem::path(owner.yaml_path).parent_path();
  for (auto it = std::next(dir.begin()); it != dir.end(); ++it) node.fqn.push_back(it->string());
  node.fqn.push_back(node.name);
  node.original_file_path = owner.yaml_path;
  node.path = node.name + ".sql";
  node.span = doc.span(entry);
  node.column_name = column;
  node.test_metadata = manifest::TestMetadata{test, namespace_, kwargs};
  node.test_metadata->kwargs["model"] = "{{ get_where_subquery(" + owner.model_expression + ") }}";
  node.unique_id = "test." + owner.package + "." + node.name + "." + generic_test_hash(node.name, *node.test_metadata);

  std::string call = (namespace_.empty() ? "" : namespace_ + ".") + "test_" + test + "(";
  call += "model=get_where_subquery(" + owner.model_expression + ")";
  for (const auto& [k, v] : kwargs.items()) call += ", " + k + "=" + literal(v);
  call += ")";
  node.raw_code = "{{ " + call + " }}";
  node.meta = config.value("meta", Json::object());
  auto source = std::make_shared<const SourceText>(SourceText{owner.yaml_path, node.raw_code});
  return PreparedTest{std::move(node), std::move(source), std::move(config), &owner, doc.span(entry)};
}

Status add_prepared_test(LoadState& state, PreparedTest test) {
  if (manifest::NodeId first = state.out.manifest.find(test.node.unique_id); first != manifest::kNoNode) {
    const SourceSpan& at = state.out.manifest.node(first).span;
    std::string where = at.source ? " (first at " + at.source->path + ":" + std::to_string(at.line) + ":" +
                                        std::to_string(at.column) + ")"
                                  : "";
    return Error(ErrorCode::Config, "test '" + test.node.name + "' is defined twice" + where, test.entry_span)
        .with_hint("remove one of them, or give one a distinct `name:`");
  }
  manifest::NodeId id = state.add_node(std::move(test.node), std::move(test.source));
  state.yaml_config[id] = std::move(test.config);
  state.test_owners[id] = test.owner->model_expression;
  return {};
}

Status add_generic_test(LoadState& state, const TestOwner& owner, const yaml::Node& entry, const std::string& column) {
  auto test = prepare_generic_test(owner, entry, column);
  if (!test) return std::move(test).error();
  return add_prepared_test(state, std::move(test).value());
}

}  // namespace strata::parser
