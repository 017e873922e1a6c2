#include "context/yaml_dump.h"

#include <cmath>
#include <regex>
#include <vector>

#include "jinja/value.h"

namespace strata::context {

namespace {

using Json = nlohmann::ordered_json;

constexpr size_t kBestWidth = 80;
constexpr int kBestIndent = 2;

// PyYAML's implicit resolvers: plain text matching one of these reads back as something
// other than a string, so a string with this text must be quoted.
bool resolves_to_non_string(const std::string& s) {
  static const std::regex kBool("yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  static const std::regex kFloat(
      "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|"
      "[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");
  static const std::regex kInt(
      "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
  static const std::regex kTimestamp(
      "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|"
      "[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?"
      "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?");
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL" || s == "<<" || s == "=") return true;
  char c = s[0];
  // std::regex recurses per character: long texts get a conservative character check
  // instead (quoting a long number-like string keeps it a string either way).
  if (s.size() > 64) {
    size_t digits = (c == '-' || c == '+') ? 1 : 0;
    if (s.compare(digits, 2, "0x") == 0) return s.find_first_not_of("0123456789abcdefABCDEF_", digits + 2) == std::string::npos;
    if (s.compare(digits, 2, "0b") == 0) return s.find_first_not_of("01_", digits + 2) == std::string::npos;
    return s.find_first_not_of("0123456789_.:eE+-", digits) == std::string::npos;
  }
  if (std::string_view("yYnNtTfFoO").find(c) != std::string_view::npos && std::regex_match(s, kBool)) return true;
  if (std::string_view("-+0123456789.").find(c) != std::string_view::npos &&
      (std::regex_match(s, kFloat) || std::regex_match(s, kInt)))
    return true;
  return c >= '0' && c <= '9' && std::regex_match(s, kTimestamp);
}

// Code points of a UTF-8 string; a byte that does not decode stands for itself.
std::u32string decode(const std::string& s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    char32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    bool ok = n > 0 && i + n <= s.size();
    for (size_t k = 1; ok && k < n; ++k) {
      unsigned char cont = static_cast<unsigned char>(s[i + k]);
      ok = (cont & 0xC0) == 0x80;
      cp = (cp << 6) | (cont & 0x3F);
    }
    if (!ok) {
      out.push_back(b);
      ++i;
    } else {
      out.push_back(cp);
      i += n;
    }
  }
  return out;
}

bool is_break(char32_t c) { return c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029; }
bool is_space_or_end(const std::u32string& s, size_t i) {
  return i >= s.size() || s[i] == 0 || s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || is_break(s[i]);
}

// PyYAML's Emitter.analyze_scalar (allow_unicode off), reduced to what block output needs.
struct Analysis {
  bool empty = false, multiline = false, allow_block_plain = true, allow_single_quoted = true;
};

Analysis analyze(const std::u32string& s) {
  Analysis a;
  if (s.empty()) {
    a.empty = true;
    return a;
  }
  bool block_indicators = false, line_breaks = false, special = false;
  bool leading_space = false, leading_break = false, trailing_space = false, trailing_break = false;
  bool break_space = false, space_break = false, previous_space = false, previous_break = false;
  auto starts = [&](std::u32string_view p) { return s.compare(0, p.size(), p) == 0; };
  if (starts(U"---") || starts(U"...")) block_indicators = true;
  bool preceded_by_whitespace = true;
  bool followed_by_whitespace = is_space_or_end(s, 1);
  for (size_t i = 0; i < s.size(); ++i) {
    char32_t ch = s[i];
    if (i == 0) {
      if (std::u32string_view(U"#,[]{}&*!|>'\"%@`").find(ch) != std::u32string_view::npos) block_indicators = true;
      if ((ch == '?' || ch == ':') && followed_by_whitespace) block_indicators = true;
      if (ch == '-' && followed_by_whitespace) block_indicators = true;
    } else {
      if (ch == ':' && followed_by_whitespace) block_indicators = true;
      if (ch == '#' && preceded_by_whitespace) block_indicators = true;
    }
    if (is_break(ch)) line_breaks = true;
    if (!(ch == '\n' || (ch >= 0x20 && ch <= 0x7E))) special = true;  // allow_unicode is off
    if (ch == ' ') {
      if (i == 0) leading_space = true;
      if (i + 1 == s.size()) trailing_space = true;
      if (previous_break) break_space = true;
      previous_space = true;
      previous_break = false;
    } else if (is_break(ch)) {
      if (i == 0) leading_break = true;
      if (i + 1 == s.size()) trailing_break = true;
      if (previous_space) space_break = true;
      previous_space = false;
      previous_break = true;
    } else {
      previous_space = previous_break = false;
    }
    preceded_by_whitespace = ch == 0 || ch == ' ' || ch == '\t' || ch == '\r' || is_break(ch);
    followed_by_whitespace = is_space_or_end(s, i + 2);
  }
  a.multiline = line_breaks;
  if (leading_space || leading_break || trailing_space || trailing_break) a.allow_block_plain = false;
  if (break_space) a.allow_block_plain = a.allow_single_quoted = false;
  if (space_break || special) a.allow_block_plain = a.allow_single_quoted = false;
  if (line_breaks || block_indicators) a.allow_block_plain = false;
  return a;
}

// A reduced port of PyYAML's Emitter: the same indentation, whitespace and folding state.
class Writer {
 public:
  std::string finish() {
    write_indent();  // the document end
    if (open_ended_) {
      write_indicator("...", true);
      write_indent();
    }
    return std::move(out_);
  }

  void node(const Json& v, bool root, bool in_mapping, bool simple_key) {
    if (v.is_object() && !v.empty()) return mapping(v);
    if (v.is_array() && !v.empty()) return sequence(v, in_mapping);
    if (v.is_object() || v.is_array()) {  // empty: flow style
      write_indicator(v.is_object() ? "{" : "[", true, true);
      write_indicator(v.is_object() ? "}" : "]", false);
      return;
    }
    scalar(v, root, simple_key);
  }

 private:
  void mapping(const Json& v) {
    push_indent(false, false);
    for (const auto& [key, value] : v.items()) {
      write_indent();
      if (is_simple_key(key)) {
        scalar(Json(key), false, true);
        write_indicator(":", false);
      } else {  // "? key" on its own line, then ": value"
        write_indicator("?", true, false, true);
        scalar(Json(key), false, false);
        write_indent();
        write_indicator(":", true, false, true);
      }
      node(value, false, true, false);
    }
    pop_indent();
  }

  // PyYAML's check_simple_key: not empty, one line, and shorter than 128 with its "!!str" tag.
  static bool is_simple_key(const std::string& key) {
    std::u32string chars = decode(key);
    bool multiline = false;
    for (char32_t c : chars) multiline = multiline || is_break(c);
    return !chars.empty() && !multiline && chars.size() + 5 < 128;
  }

  void sequence(const Json& v, bool in_mapping) {
    push_indent(false, in_mapping && !indention_);
    for (const auto& item : v) {
      write_indent();
      write_indicator("-", true, false, true);
      node(item, false, false, false);
    }
    pop_indent();
  }

  void scalar(const Json& v, bool root, bool simple_key) {
    push_indent(true, false);
    root_context_ = root;
    if (v.is_string()) {
      const std::string& text = v.get_ref<const std::string&>();
      std::u32string chars = decode(text);
      Analysis a = analyze(chars);
      bool plain_ok = !resolves_to_non_string(text) && !(simple_key && (a.empty || a.multiline)) && a.allow_block_plain;
      if (plain_ok) write_plain(chars, !simple_key);
      else if (a.allow_single_quoted && !(simple_key && a.multiline)) write_single_quoted(chars, !simple_key);
      else write_double_quoted(chars, !simple_key);
    } else {
      write_plain(decode(plain_text(v)), !simple_key);
    }
    root_context_ = false;
    pop_indent();
  }

  static std::string plain_text(const Json& v) {
    if (v.is_null()) return "null";
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
    if (v.is_number_float()) {
      double d = v.get<double>();
      if (std::isnan(d)) return ".nan";
      if (std::isinf(d)) return d > 0 ? ".inf" : "-.inf";
      std::string r = jinja::float_repr(d);
      for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (r.find('.') == std::string::npos && r.find('e') != std::string::npos) r.replace(r.find('e'), 1, ".0e");
      return r;
    }
    return v.dump();
  }

  void push_indent(bool flow, bool indentless) {
    indents_.push_back(indent_);
    if (indent_ < 0) indent_ = flow ? kBestIndent : 0;
    else if (!indentless) indent_ += kBestIndent;
  }
  void pop_indent() {
    indent_ = indents_.back();
    indents_.pop_back();
  }

  void write(std::u32string_view data) {
    for (char32_t c : data) out_ += static_cast<char>(c);  // only ASCII reaches here
    column_ += data.size();
  }
  void write(std::string_view data) {
    out_ += data;
    column_ += data.size();
  }
  void line_break() {
    out_ += '\n';
    whitespace_ = indention_ = true;
    column_ = 0;
  }
  void write_indent() {
    size_t indent = indent_ < 0 ? 0 : static_cast<size_t>(indent_);
    if (!indention_ || column_ > indent || (column_ == indent && !whitespace_)) line_break();
    if (column_ < indent) {
      whitespace_ = true;
      out_.append(indent - column_, ' ');
      column_ = indent;
    }
  }
  void write_indicator(std::string_view indicator, bool need_whitespace, bool whitespace = false, bool indention = false) {
    if (!whitespace_ && need_whitespace) write(" ");
    write(indicator);
    whitespace_ = whitespace;
    indention_ = indention_ && indention;
    open_ended_ = false;
  }

  void write_plain(const std::u32string& text, bool split) {
    if (root_context_) open_ended_ = true;
    if (text.empty()) return;
    if (!whitespace_) write(" ");
    whitespace_ = indention_ = false;
    bool spaces = false;
    size_t start = 0;
    for (size_t end = 0; end <= text.size(); ++end) {
      char32_t ch = end < text.size() ? text[end] : 0;
      bool at_end = end == text.size();
      if (spaces) {
        if (at_end || ch != ' ') {
          if (start + 1 == end && column_ > kBestWidth && split) {
            write_indent();
            whitespace_ = indention_ = false;
          } else {
            write(std::u32string_view(text).substr(start, end - start));
          }
          start = end;
        }
      } else if (at_end || ch == ' ') {
        write(std::u32string_view(text).substr(start, end - start));
        start = end;
      }
      if (!at_end) spaces = ch == ' ';
    }
  }

  void write_single_quoted(const std::u32string& text, bool split) {
    write_indicator("'", true);
    bool spaces = false, breaks = false;
    size_t start = 0;
    for (size_t end = 0; end <= text.size(); ++end) {
      bool at_end = end == text.size();
      char32_t ch = at_end ? 0 : text[end];
      if (spaces) {
        if (at_end || ch != ' ') {
          if (start + 1 == end && column_ > kBestWidth && split && start != 0 && end != text.size()) write_indent();
          else write(std::u32string_view(text).substr(start, end - start));
          start = end;
        }
      } else if (breaks) {
        if (at_end || !is_break(ch)) {
          if (text[start] == '\n') line_break();
          for (size_t k = start; k < end; ++k) line_break();  // only '\n' reaches here (others are special)
          write_indent();
          start = end;
        }
      } else if (at_end || ch == ' ' || is_break(ch) || ch == '\'') {
        if (start < end) {
          write(std::u32string_view(text).substr(start, end - start));
          start = end;
        }
      }
      if (ch == '\'') {
        write("''");
        start = end + 1;
      }
      if (!at_end) {
        spaces = ch == ' ';
        breaks = is_break(ch);
      }
    }
    write_indicator("'", false);
  }

  void write_double_quoted(const std::u32string& text, bool split) {
    write_indicator("\"", true);
    size_t start = 0;
    for (size_t end = 0; end <= text.size(); ++end) {
      bool at_end = end == text.size();
      char32_t ch = at_end ? 0 : text[end];
      if (at_end || ch == '"' || ch == '\\' || ch == 0x85 || ch == 0x2028 || ch == 0x2029 || ch == 0xFEFF ||
          !(ch >= 0x20 && ch <= 0x7E)) {
        if (start < end) {
          write(std::u32string_view(text).substr(start, end - start));
          start = end;
        }
        if (!at_end) {
          write(escape(ch));
          start = end + 1;
        }
      }
      if (end > 0 && end + 1 < text.size() && (ch == ' ' || start >= end) && column_ + (end - start) > kBestWidth && split) {
        std::u32string data(text.substr(start, end > start ? end - start : 0));
        if (start < end) start = end;
        write(data);
        write("\\");
        write_indent();
        whitespace_ = indention_ = false;
        if (text[start] == ' ') write("\\");
      }
    }
    write_indicator("\"", false);
  }

  static std::string escape(char32_t ch) {
    switch (ch) {
      case 0: return "\\0";
      case 0x07: return "\\a";
      case 0x08: return "\\b";
      case 0x09: return "\\t";
      case 0x0A: return "\\n";
      case 0x0B: return "\\v";
      case 0x0C: return "\\f";
      case 0x0D: return "\\r";
      case 0x1B: return "\\e";
      case '"': return "\\\"";
      case '\\': return "\\\\";
      case 0x85: return "\\N";
      case 0xA0: return "\\_";
      case 0x2028: return "\\L";
      case 0x2029: return "\\P";
      default: break;
    }
    char buf[16];
    if (ch <= 0xFF) std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(ch));
    else if (ch <= 0xFFFF) std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(ch));
    else std::snprintf(buf, sizeof buf, "\\U%08X", static_cast<unsigned>(ch));
    return buf;
  }

  std::string out_;
  size_t column_ = 0;
  bool whitespace_ = true, indention_ = true, open_ended_ = false, root_context_ = false;
  int indent_ = -1;  // none yet
  std::vector<int> indents_;
};

}  // namespace

std::string dump_yaml(const Json& value) {
  Writer writer;
  writer.node(value, true, false, false);
  return writer.finish();
}

}  // namespace strata::context
