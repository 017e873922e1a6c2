#include "project/yaml_document.h"

#include <cctype>
#include <cstdlib>

namespace strata::project {

SourceSpan YamlDocument::span(const yaml::Node& node) const {
  SourceSpan s;
  s.source = source;
  yaml::Mark mark = node.Mark();
  if (mark.line >= 0) {
    s.line = static_cast<uint32_t>(mark.line) + 1;
    s.column = static_cast<uint32_t>(mark.column) + 1;
  }
  if (node.IsScalar()) s.length = static_cast<uint32_t>(std::max<size_t>(1, node.Scalar().size()));
  return s;
}

Error YamlDocument::error_at(const yaml::Node& node, std::string message) const {
  return Error(ErrorCode::Config, std::move(message), span(node));
}

Result<YamlDocument> parse_yaml(std::shared_ptr<const SourceText> source) {
  yaml::ParseResult parsed = yaml::parse(source->content);
  if (parsed.error) {
    SourceSpan span;
    span.source = source;
    if (parsed.error->mark.line >= 0) {
      span.line = static_cast<uint32_t>(parsed.error->mark.line) + 1;
      span.column = static_cast<uint32_t>(parsed.error->mark.column) + 1;
    }
    return Error(ErrorCode::Yaml, "invalid YAML: " + parsed.error->message, span)
        .with_hint("fix the YAML syntax at this position (indentation, a missing ':' or an unclosed quote)");
  }
  yaml::Node root = parsed.tree->root();
  return YamlDocument{std::move(source), std::move(parsed.tree), root};
}

namespace {

bool is_null_scalar(const std::string& s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

std::optional<bool> bool_scalar(const std::string& s) {
  static const char* kTrue[] = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y"};
  static const char* kFalse[] = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N"};
  // PyYAML does not treat single-letter y/n as booleans.
  if (s == "y" || s == "Y" || s == "n" || s == "N") return std::nullopt;
  for (const char* t : kTrue)
    if (s == t) return true;
  for (const char* f : kFalse)
    if (s == f) return false;
  return std::nullopt;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// [-+]?(0|[1-9][0-9_]*) without std::regex (called for every plain scalar).
bool looks_like_int(const std::string& s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i >= s.size()) return false;
  if (s[i] == '0') return i + 1 == s.size();
  if (!is_digit(s[i])) return false;
  for (++i; i < s.size(); ++i)
    if (!is_digit(s[i]) && s[i] != '_') return false;
  return true;
}

// [-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)? | [-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
bool looks_like_float(const std::string& s) {
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  size_t n = s.size();
  size_t int_start = i;
  if (i < n && is_digit(s[i]))
    for (++i; i < n && (is_digit(s[i]) || s[i] == '_');) ++i;
  bool has_int = i > int_start;
  auto exponent = [&](size_t j, bool sign_required) {
    if (j >= n || (s[j] != 'e' && s[j] != 'E')) return false;
    ++j;
    if (j < n && (s[j] == '-' || s[j] == '+')) ++j;
    else if (sign_required) return false;
    if (j >= n) return false;
    for (; j < n; ++j)
      if (!is_digit(s[j])) return false;
    return true;
  };
  if (i < n && s[i] == '.') {
    for (++i; i < n && (is_digit(s[i]) || s[i] == '_');) ++i;
    return i == n || exponent(i, true);
  }
  return has_int && exponent(i, false);
}

std::optional<int64_t> int_scalar(const std::string& s) {
  if (!looks_like_int(s)) return std::nullopt;
  std::string digits;
  for (char c : s)
    if (c != '_') digits += c;
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(digits.c_str(), &end, 10);
  if (errno != 0 || *end != '\0') return std::nullopt;
  return static_cast<int64_t>(v);
}

std::optional<double> float_scalar(const std::string& s) {
  if (s == ".inf" || s == ".Inf" || s == "+.inf") return HUGE_VAL;
  if (s == "-.inf" || s == "-.Inf") return -HUGE_VAL;
  if (s == ".nan" || s == ".NaN") return std::nan("");
  if (s == "." || !looks_like_float(s)) return std::nullopt;
  std::string digits;
  for (char c : s)
    if (c != '_') digits += c;
  return std::strtod(digits.c_str(), nullptr);
}

}  // namespace

Json scalar_to_json(const yaml::Node& node) {
  if (node.IsNull() || !node) return nullptr;
  const std::string& s = node.Scalar();
  if (node.Style() == yaml::ScalarStyle::Quoted) return s;
  if (node.Style() == yaml::ScalarStyle::Tagged && node.Tag() == "tag:yaml.org,2002:str") return s;
  if (is_null_scalar(s)) return nullptr;
  if (auto b = bool_scalar(s)) return *b;
  if (auto i = int_scalar(s)) return *i;
  if (auto d = float_scalar(s)) return *d;
  return s;
}

namespace {

// A mapping key as JSON object keys are: its text, or the dump of a non-string scalar.
std::string json_key(const yaml::Node& key) {
  Json k = scalar_to_json(key);
  return k.is_string() ? k.get<std::string>() : k.dump();
}

}  // namespace

Json yaml_to_json(const yaml::Node& node) {
  switch (node.Type()) {
    case yaml::NodeType::Undefined:
    case yaml::NodeType::Null: return nullptr;
    case yaml::NodeType::Scalar: return scalar_to_json(node);
    case yaml::NodeType::Sequence: {
      Json out = Json::array();
      for (const auto& item : node) out.push_back(yaml_to_json(item));
      return out;
    }
    case yaml::NodeType::Map: {
      Json out = Json::object();
      for (const auto& entry : node) out[json_key(entry.first)] = yaml_to_json(entry.second);
      return out;
    }
  }
  return nullptr;
}

Result<Json> render_yaml_to_json(const YamlDocument& doc, const yaml::Node& node, const ValueRenderer& render,
                                 const std::function<bool(const std::string& key)>& as_written) {
  switch (node.Type()) {
    case yaml::NodeType::Undefined:
    case yaml::NodeType::Null: return Json(nullptr);
    case yaml::NodeType::Scalar: {
      Json plain = scalar_to_json(node);
      const std::string& text = node.Scalar();
      if (plain.is_string() && (text.find("{{") != std::string::npos || text.find("{%") != std::string::npos))
        return render(text, doc.span(node));
      return plain;
    }
    case yaml::NodeType::Sequence: {
      Json out = Json::array();
      for (const auto& item : node) {
        auto v = render_yaml_to_json(doc, item, render, as_written);
        if (!v) return v;
        out.push_back(std::move(v).value());
      }
      return out;
    }
    case yaml::NodeType::Map: {
      Json out = Json::object();
      for (const auto& entry : node) {
        std::string k = json_key(entry.first);
        if (as_written && as_written(k)) {
          out[k] = yaml_to_json(entry.second);
          continue;
        }
        auto v = render_yaml_to_json(doc, entry.second, render, as_written);
        if (!v) return v;
        out[k] = std::move(v).value();
      }
      return out;
    }
  }
  return Json(nullptr);
}

}  // namespace strata::project
