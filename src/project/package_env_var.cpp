#include "project/package_env_var.h"

#include <cctype>
#include <cstdlib>

namespace strata::project {

namespace {

// A span `offset` bytes into a single-line scalar that starts at `where`.
SourceSpan span_inside(const SourceSpan& where, size_t offset, size_t length) {
  SourceSpan s = where;
  if (s.column > 0) s.column += static_cast<uint32_t>(offset);
  s.length = static_cast<uint32_t>(length == 0 ? 1 : length);
  return s;
}

class ExpressionParser {
 public:
  explicit ExpressionParser(const std::string& text) : text_(text) {}

  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool eat(const std::string& token) {
    skip_space();
    if (text_.compare(pos_, token.size(), token) != 0) return false;
    pos_ += token.size();
    return true;
  }
  // A '...' or "..." literal without escapes (what env_var arguments are in practice).
  std::optional<std::string> string_literal() {
    skip_space();
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"')) return std::nullopt;
    char quote = text_[pos_];
    size_t end = text_.find(quote, pos_ + 1);
    if (end == std::string::npos) return std::nullopt;
    std::string value = text_.substr(pos_ + 1, end - pos_ - 1);
    pos_ = end + 1;
    return value;
  }
  bool at_end() {
    skip_space();
    return pos_ == text_.size();
  }

 private:
  const std::string& text_;
  size_t pos_ = 0;
};

}  // namespace

EnvLookup process_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

Result<std::string> render_env_vars(const std::string& text, const EnvLookup& env, const SourceSpan& where) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find('{', pos);
    if (open == std::string::npos || open + 1 >= text.size()) {
      out.append(text, pos, std::string::npos);
      break;
    }
    char next = text[open + 1];
    if (next == '%' || next == '#') {
      return Error(ErrorCode::Config, "only {{ env_var(...) }} is supported in packages.yml for now",
                   span_inside(where, open, 2))
          .with_hint("replace the Jinja block with a literal value or an env_var() expression");
    }
    if (next != '{') {
      out.append(text, pos, open + 1 - pos);
      pos = open + 1;
      continue;
    }
    out.append(text, pos, open - pos);
    size_t close = text.find("}}", open + 2);
    if (close == std::string::npos)
      return Error(ErrorCode::Config, "unclosed '{{' in packages.yml value", span_inside(where, open, 2))
          .with_hint("close the expression with '}}'");
    std::string expression = text.substr(open + 2, close - open - 2);
    SourceSpan expression_span = span_inside(where, open, close + 2 - open);

    ExpressionParser parser(expression);
    std::optional<std::string> name, fallback;
    bool ok = parser.eat("env_var") && parser.eat("(") && (name = parser.string_literal()).has_value();
    if (ok && parser.eat(",")) ok = (fallback = parser.string_literal()).has_value();
    ok = ok && parser.eat(")") && parser.at_end();
    if (!ok)
      return Error(ErrorCode::Config, "unsupported expression '{{" + expression + "}}' in packages.yml", expression_span)
          .with_hint("strata renders only {{ env_var('NAME') }} and {{ env_var('NAME', 'default') }} here for now");

    std::optional<std::string> value = env(*name);
    if (!value) value = fallback;
    if (!value)
      return Error(ErrorCode::Config, "Env var required but not provided: '" + *name + "'", expression_span)
          .with_hint("set " + *name + " in the environment or give env_var() a default");
    out += *value;
    pos = close + 2;
  }
  return out;
}

}  // namespace strata::project
