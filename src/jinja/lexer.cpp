#include "jinja/lexer.h"
#include "jinja/text.h"

#include <cstring>

namespace strata::jinja {

const char* token_type_name(TokenType type) {
  switch (type) {
    case TokenType::Data: return "template data";
    case TokenType::VarBegin: return "begin of print statement";
    case TokenType::VarEnd: return "end of print statement";
    case TokenType::BlockBegin: return "begin of statement block";
    case TokenType::BlockEnd: return "end of statement block";
    case TokenType::Name: return "name";
    case TokenType::String: return "string";
    case TokenType::Integer: return "integer";
    case TokenType::Float: return "float";
    case TokenType::Operator: return "operator";
    case TokenType::Eof: return "end of template";
  }
  return "token";
}

std::string describe_token(const Token& token) {
  switch (token.type) {
    case TokenType::Name:
    case TokenType::Operator: return "'" + token.text + "'";
    default: return token_type_name(token.type);
  }
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }

// Newlines in template data are normalized to \n, as Jinja2 does.
std::string normalize_newlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}


int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Python's unicode-escape decoding of a string literal body; unknown escapes stay as written.
bool unescape(std::string_view body, std::string& out) {
  std::string text = normalize_newlines(body);
  out.clear();
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '\\' || i + 1 >= text.size()) {
      out += c;
      continue;
    }
    char e = text[++i];
    switch (e) {
      case '\n': break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case 'x':
      case 'u':
      case 'U': {
        size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        uint32_t cp = 0;
        for (size_t k = 0; k < digits; ++k) {
          if (i + 1 + k >= text.size() || hex_value(text[i + 1 + k]) < 0) return false;
          cp = cp * 16 + static_cast<uint32_t>(hex_value(text[i + 1 + k]));
        }
        if (cp > 0x10FFFF) return false;
        text::append_utf8(out, cp);
        i += digits;
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          uint32_t cp = static_cast<uint32_t>(e - '0');
          for (int k = 0; k < 2 && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '7'; ++k) {
            cp = cp * 8 + static_cast<uint32_t>(text[++i] - '0');
          }
          text::append_utf8(out, cp);
        } else {
          out += '\\';
          out += e;
        }
    }
  }
  return true;
}

class Lexer {
 public:
  Lexer(std::string_view source, std::vector<Token>& tokens, LexError& error)
      : src_(source), tokens_(tokens), error_(error) {
    end_ = src_.size();
    // keep_trailing_newline=False: one trailing newline is not part of the template.
    if (end_ > 0 && src_[end_ - 1] == '\n') {
      --end_;
      if (end_ > 0 && src_[end_ - 1] == '\r') --end_;
    } else if (end_ > 0 && src_[end_ - 1] == '\r') {
      --end_;
    }
  }

  bool run() {
    size_t pos = 0;
    bool strip_leading = false;
    while (pos < end_) {
      size_t tag = find_tag(pos);
      size_t data_start = pos;
      if (strip_leading) {
        while (data_start < tag && is_space(src_[data_start])) ++data_start;
        strip_leading = false;
      }
      size_t data_end = tag;
      bool strip_before = tag < end_ && tag + 2 < end_ && src_[tag + 2] == '-';
      bool is_raw = tag < end_ && src_[tag + 1] == '%' && raw_begin(tag);
      if (strip_before) {
        while (data_end > data_start && is_space(src_[data_end - 1])) --data_end;
      }
      if (data_end > data_start) emit_data(data_start, data_end);
      if (tag >= end_) break;
      char kind = src_[tag + 1];
      if (is_raw) {
        if (!lex_raw(tag, pos, strip_leading)) return false;
      } else if (kind == '#') {
        if (!lex_comment(tag, pos, strip_leading)) return false;
      } else {
        if (!lex_tag(tag, kind == '{', pos, strip_leading)) return false;
      }
    }
    Token eof;
    eof.type = TokenType::Eof;
    eof.offset = static_cast<uint32_t>(end_);
    tokens_.push_back(std::move(eof));
    return true;
  }

 private:
  size_t find_tag(size_t from) const {
    for (size_t i = from; i + 1 < end_; ++i) {
      if (src_[i] == '{' && (src_[i + 1] == '{' || src_[i + 1] == '%' || src_[i + 1] == '#')) return i;
    }
    return end_;
  }

  bool fail(std::string message, size_t offset, size_t length = 1) {
    error_.message = std::move(message);
    error_.offset = static_cast<uint32_t>(offset);
    error_.length = static_cast<uint32_t>(length);
    return false;
  }

  void emit_data(size_t start, size_t end) {
    Token t;
    t.type = TokenType::Data;
    t.offset = static_cast<uint32_t>(start);
    t.length = static_cast<uint32_t>(end - start);
    t.text = normalize_newlines(src_.substr(start, end - start));
    tokens_.push_back(std::move(t));
  }

  void emit(TokenType type, size_t offset, size_t length, std::string text = {}) {
    Token t;
    t.type = type;
    t.offset = static_cast<uint32_t>(offset);
    t.length = static_cast<uint32_t>(length);
    t.text = std::move(text);
    tokens_.push_back(std::move(t));
  }

  // Matches `{%[-+]?\s*WORD\s*[-+]?%}` at `at`; returns the end offset or 0.
  size_t match_word_tag(size_t at, const char* word, bool& strip_after, bool& strip_before) const {
    size_t i = at + 2;
    strip_before = false;
    if (i < end_ && (src_[i] == '-' || src_[i] == '+')) {
      strip_before = src_[i] == '-';
      ++i;
    }
    while (i < end_ && is_space(src_[i])) ++i;
    size_t len = std::strlen(word);
    if (src_.substr(i, len) != word) return 0;
    i += len;
    if (i < end_ && is_name_char(src_[i])) return 0;
    while (i < end_ && is_space(src_[i])) ++i;
    strip_after = false;
    if (i < end_ && (src_[i] == '-' || src_[i] == '+')) {
      strip_after = src_[i] == '-';
      ++i;
    }
    if (i + 1 < end_ + 1 && src_.substr(i, 2) == "%}" && i + 2 <= end_) return i + 2;
    return 0;
  }

  bool raw_begin(size_t at) const {
    bool a, b;
    return match_word_tag(at, "raw", a, b) != 0;
  }

  bool lex_raw(size_t at, size_t& pos, bool& strip_leading) {
    bool strip_after = false, unused = false;
    size_t body = match_word_tag(at, "raw", strip_after, unused);
    if (strip_after) {
      while (body < end_ && is_space(src_[body])) ++body;
    }
    for (size_t i = body; i + 1 < end_; ++i) {
      if (src_[i] != '{' || src_[i + 1] != '%') continue;
      bool end_strip_after = false, end_strip_before = false;
      size_t after = match_word_tag(i, "endraw", end_strip_after, end_strip_before);
      if (!after) continue;
      size_t body_end = i;
      if (end_strip_before) {
        while (body_end > body && is_space(src_[body_end - 1])) --body_end;
      }
      if (body_end > body) emit_data(body, body_end);
      pos = after;
      strip_leading = end_strip_after;
      return true;
    }
    return fail("Missing end of raw directive", at, 2);
  }

  bool lex_comment(size_t at, size_t& pos, bool& strip_leading) {
    for (size_t i = at + 2; i + 1 < end_; ++i) {
      if (src_[i] == '#' && src_[i + 1] == '}') {
        strip_leading = i > at + 2 && src_[i - 1] == '-';
        pos = i + 2;
        return true;
      }
    }
    return fail("Missing end of comment tag", at, 2);
  }

  bool lex_tag(size_t at, bool is_var, size_t& pos, bool& strip_leading) {
    emit(is_var ? TokenType::VarBegin : TokenType::BlockBegin, at, 2);
    size_t i = at + 2;
    if (i < end_ && (src_[i] == '-' || src_[i] == '+')) ++i;
    std::string closers;  // expected closing brackets, innermost last
    while (true) {
      size_t balance = closers.size();
      while (i < end_ && is_space(src_[i])) ++i;
      if (i >= end_) {
        return fail(is_var ? "unexpected end of template, expected 'end of print statement'."
                           : "unexpected end of template, expected 'end of statement block'.",
                    i > 0 ? i - 1 : 0);
      }
      if (balance == 0) {
        size_t close = end_tag(i, is_var, strip_leading);
        if (close) {
          emit(is_var ? TokenType::VarEnd : TokenType::BlockEnd, i, close - i);
          pos = close;
          return true;
        }
      }
      char c = src_[i];
      if (is_name_start(c)) {
        size_t start = i;
        while (i < end_ && is_name_char(src_[i])) ++i;
        emit(TokenType::Name, start, i - start, std::string(src_.substr(start, i - start)));
      } else if (is_digit(c) || (c == '.' && i + 1 < end_ && is_digit(src_[i + 1]) && false)) {
        if (!lex_number(i)) return false;
      } else if (c == '\'' || c == '"') {
        if (!lex_string(i)) return false;
      } else {
        static const char* kOps2[] = {"//", "**", "==", "!=", ">=", "<="};
        std::string op;
        for (const char* candidate : kOps2) {
          if (src_.substr(i, 2) == candidate && i + 2 <= end_) op = candidate;
        }
        if (op.empty()) {
          if (std::strchr("+-/*%~[](){}><=.:|,;", c) == nullptr || c == '\0') {
            return fail(std::string("unexpected char '") + c + "' at " + std::to_string(i), i);
          }
          op = std::string(1, c);
        }
        if (op == "(") closers += ')';
        if (op == "[") closers += ']';
        if (op == "{") closers += '}';
        if (op == ")" || op == "]" || op == "}") {
          if (closers.empty()) return fail("unexpected '" + op + "'", i);
          if (closers.back() != op[0]) return fail("unexpected '" + op + "', expected '" + closers.back() + "'", i);
          closers.pop_back();
        }
        emit(TokenType::Operator, i, op.size(), op);
        i += op.size();
      }
    }
  }

  // Offset just past the closing delimiter at `i`, or 0.
  size_t end_tag(size_t i, bool is_var, bool& strip_leading) const {
    const char* close = is_var ? "}}" : "%}";
    if (src_.substr(i, 2) == close && i + 2 <= end_) {
      strip_leading = false;
      return i + 2;
    }
    if ((src_[i] == '-' || (!is_var && src_[i] == '+')) && i + 3 <= end_ && src_.substr(i + 1, 2) == close) {
      strip_leading = src_[i] == '-';
      return i + 3;
    }
    return 0;
  }

  // digits with optional single underscores between them; returns end or start if none.
  size_t scan_digits(size_t i, bool (*ok)(char)) const {
    size_t start = i;
    while (i < end_) {
      if (ok(src_[i])) {
        ++i;
      } else if (src_[i] == '_' && i > start && i + 1 < end_ && ok(src_[i + 1])) {
        ++i;
      } else {
        break;
      }
    }
    return i;
  }

  bool lex_number(size_t& i) {
    size_t start = i;
    auto strip = [](std::string_view s) {
      std::string out;
      for (char c : s) {
        if (c != '_') out += c;
      }
      return out;
    };
    if (src_[i] == '0' && i + 1 < end_ && std::strchr("bBoOxX", src_[i + 1]) && src_[i + 1] != '\0') {
      char base_char = static_cast<char>(src_[i + 1] | 0x20);
      int base = base_char == 'b' ? 2 : base_char == 'o' ? 8 : 16;
      size_t j = i + 2;
      if (j < end_ && src_[j] == '_') ++j;
      size_t digits_start = j;
      auto ok = base == 2 ? +[](char c) { return c == '0' || c == '1'; }
                : base == 8 ? +[](char c) { return c >= '0' && c <= '7'; }
                            : +[](char c) { return hex_value(c) >= 0; };
      j = scan_digits(j, ok);
      if (j > digits_start) {
        std::string digits = strip(src_.substr(digits_start, j - digits_start));
        uint64_t value = 0;
        for (char c : digits) {
          uint64_t next = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(hex_value(c));
          if (next / static_cast<uint64_t>(base) != value || next > INT64_MAX) return fail("integer literal too large", start, j - start);
          value = next;
        }
        Token t;
        t.type = TokenType::Integer;
        t.offset = static_cast<uint32_t>(start);
        t.length = static_cast<uint32_t>(j - start);
        t.int_value = static_cast<int64_t>(value);
        tokens_.push_back(std::move(t));
        i = j;
        return true;
      }
    }
    size_t j = scan_digits(i, is_digit);
    bool is_float = false;
    if (j + 1 < end_ && src_[j] == '.' && is_digit(src_[j + 1])) {
      j = scan_digits(j + 1, is_digit);
      is_float = true;
    }
    if (j < end_ && (src_[j] == 'e' || src_[j] == 'E')) {
      size_t k = j + 1;
      if (k < end_ && (src_[k] == '+' || src_[k] == '-')) ++k;
      if (k < end_ && is_digit(src_[k])) {
        j = scan_digits(k, is_digit);
        is_float = true;
      }
    }
    std::string text = strip(src_.substr(start, j - start));
    Token t;
    t.offset = static_cast<uint32_t>(start);
    t.length = static_cast<uint32_t>(j - start);
    if (is_float) {
      t.type = TokenType::Float;
      t.float_value = std::strtod(text.c_str(), nullptr);
    } else {
      t.type = TokenType::Integer;
      errno = 0;
      unsigned long long v = std::strtoull(text.c_str(), nullptr, 10);
      if (errno == ERANGE || v > INT64_MAX) {
        // Beyond 64-bit integers: keep going as a float rather than failing.
        t.type = TokenType::Float;
        t.float_value = std::strtod(text.c_str(), nullptr);
      } else {
        t.int_value = static_cast<int64_t>(v);
      }
    }
    tokens_.push_back(std::move(t));
    i = j;
    return true;
  }

  bool lex_string(size_t& i) {
    char quote = src_[i];
    size_t start = i;
    size_t j = i + 1;
    while (j < end_ && src_[j] != quote) {
      if (src_[j] == '\\') ++j;
      ++j;
    }
    if (j >= end_) return fail("unexpected char '" + std::string(1, quote) + "' at " + std::to_string(start), start);
    Token t;
    t.type = TokenType::String;
    t.offset = static_cast<uint32_t>(start);
    t.length = static_cast<uint32_t>(j + 1 - start);
    if (!unescape(src_.substr(start + 1, j - start - 1), t.text)) return fail("invalid escape in string literal", start, j + 1 - start);
    tokens_.push_back(std::move(t));
    i = j + 1;
    return true;
  }

  std::string_view src_;
  size_t end_;
  std::vector<Token>& tokens_;
  LexError& error_;
};

}  // namespace

bool tokenize(std::string_view source, std::vector<Token>& tokens, LexError& error) {
  tokens.clear();
  Lexer lexer(source, tokens, error);
  return lexer.run();
}

}  // namespace strata::jinja
