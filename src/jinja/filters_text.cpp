// Built-in filters on strings and numbers.
#include <cmath>
#include <cstdio>
#include <cstring>

#include "jinja/builtins.h"
#include "jinja/environment.h"
#include "jinja/methods.h"
#include "jinja/operators.h"
#include "jinja/renderer.h"
#include "jinja/text.h"

namespace strata::jinja {

void register_sequence_filters(Environment& env);

namespace {

using Fn = Value (*)(Renderer&, const Value&, CallArgs&);

void add(Environment& env, const char* name, Fn fn) {
  env.add_filter(name, [fn](CallContext& ctx, const Value& input, CallArgs& args) -> Result<Value> {
    return fn(renderer_of(ctx), input, args);
  });
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

// Python float() of a string; nullopt when it does not parse.
std::optional<double> parse_float(const std::string& raw) {
  std::string s = text::strip(raw, nullptr, true, true);
  std::string cleaned;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && i > 0 && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i - 1])) && std::isdigit(static_cast<unsigned char>(s[i + 1]))) continue;
    cleaned += s[i];
  }
  if (cleaned.empty()) return std::nullopt;
  std::string low = text::lower(cleaned);
  std::string body = (low[0] == '+' || low[0] == '-') ? low.substr(1) : low;
  if (body == "inf" || body == "infinity" || body == "nan") {
    double v = body == "nan" ? NAN : INFINITY;
    return low[0] == '-' ? -v : v;
  }
  if (body.find_first_not_of("0123456789.e+-") != std::string::npos || body.find('x') != std::string::npos) return std::nullopt;
  char* end = nullptr;
  double d = std::strtod(cleaned.c_str(), &end);
  if (end != cleaned.c_str() + cleaned.size()) return std::nullopt;
  return d;
}

std::optional<int64_t> parse_int(const std::string& raw, int base) {
  std::string s = text::strip(raw, nullptr, true, true);
  if (s.empty()) return std::nullopt;
  bool neg = false;
  size_t i = 0;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    i = 1;
  }
  if (base == 0 || base == 16 || base == 8 || base == 2) {
    if (s.size() > i + 1 && s[i] == '0') {
      char p = static_cast<char>(s[i + 1] | 0x20);
      int detected = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
      if (detected && (base == 0 || base == detected)) {
        base = detected;
        i += 2;
      }
    }
    if (base == 0) base = 10;
  }
  if (i >= s.size()) return std::nullopt;
  uint64_t v = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') continue;
    int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'z') ? c - 'a' + 10 : (c >= 'A' && c <= 'Z') ? c - 'A' + 10 : 99;
    if (d >= base) return std::nullopt;
    v = v * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
    if (v > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
  }
  return neg ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
}

void no_args(const CallArgs& args, const char* fn) {
  if (!args.positional.empty() || !args.keyword.empty()) {
    throw_runtime(std::string("do_") + fn + "() takes 1 positional argument but " + std::to_string(args.positional.size() + 1) + " were given");
  }
}

Value f_upper(Renderer& r, const Value& v, CallArgs& a) {
  no_args(a, "upper");
  return Value(text::upper(r.to_string(v)));
}
Value f_lower(Renderer& r, const Value& v, CallArgs& a) {
  no_args(a, "lower");
  return Value(text::lower(r.to_string(v)));
}
Value f_capitalize(Renderer& r, const Value& v, CallArgs& a) {
  no_args(a, "capitalize");
  return Value(text::capitalize(r.to_string(v)));
}

Value f_title(Renderer& r, const Value& v, CallArgs& a) {
  no_args(a, "title");
  std::string s = r.to_string(v);
  // Jinja splits on runs of [-\s({[<] and capitalizes every piece.
  std::string out, piece;
  auto flush = [&] {
    if (piece.empty()) return;
    std::vector<Value> cps = r.iterate(Value(piece));
    out += text::upper(cps[0].as_string());
    std::string rest;
    for (size_t i = 1; i < cps.size(); ++i) rest += cps[i].as_string();
    out += text::lower(rest);
    piece.clear();
  };
  for (char c : s) {
    bool sep = c == '-' || text::is_space(c) || c == '(' || c == '{' || c == '[' || c == '<';
    if (sep) {
      flush();
      out += c;
    } else {
      piece += c;
    }
  }
  flush();
  return Value(out);
}

Value f_trim(Renderer& r, const Value& v, CallArgs& args) {
  Params p(args, "trim", {"chars"});
  const Value* chars = p.get(0);
  std::string cs = chars && !chars->is_none() ? r.to_string(*chars) : std::string();
  return Value(text::strip(r.to_string(v), chars && !chars->is_none() ? &cs : nullptr, true, true));
}

Value f_replace(Renderer& r, const Value& v, CallArgs& args) {
  Params p(args, "replace", {"old", "new", "count"});
  if (!p.get(0) || !p.get(1)) throw_runtime("replace() missing required arguments");
  int64_t count = p.get(2) && !p.get(2)->is_none() ? arg_int(*p.get(2), "count") : -1;
  std::string s = r.to_string(v);
  std::string old = r.to_string(*p.get(0)), with = r.to_string(*p.get(1));
  if ((old.empty() ? s.size() + 1 : s.size() / old.size() + 1) * with.size() > (64u << 20)) throw_runtime("result too large");
  Value out(text::replace(s, old, with, count));
  return v.is_safe() ? Value::safe_string(out.as_string()) : out;
}

Value f_center(Renderer& r, const Value& v, CallArgs& args) {
  Params p(args, "center", {"width"});
  CallArgs inner;
  inner.positional.push_back(p.value(0, Value(int64_t{80})));
  return call_str_method(r, r.to_string(v), "center", inner);
}

Value f_default(Renderer& r, const Value& v, CallArgs& args) {
  Params p(args, "default", {"default_value", "boolean"});
  bool boolean = p.truthy(1);
  if (v.is_undefined() || (boolean && !v.truthy())) return p.value(0, Value(std::string()));
  (void)r;
  return v;
}

Value f_escape(Renderer& r, const Value& v, CallArgs&) {
  if (v.is_safe()) return v;
  return Value::safe_string(html_escape(r.to_string(v)));
}

Value f_forceescape(Renderer& r, const Value& v, CallArgs&) { return Value::safe_string(html_escape(r.to_string(v))); }
Value f_safe(Renderer& r, const Value& v, CallArgs&) { return v.is_safe() ? v : Value::safe_string(r.to_string(v)); }
Value f_string(Renderer& r, const Value& v, CallArgs&) { return v.is_string() ? v : Value(r.to_string(v)); }

Value f_format(Renderer& r, const Value& v, CallArgs& args) {
  if (!args.positional.empty() && !args.keyword.empty()) throw_runtime("can't handle positional and keyword arguments at the same time");
  Value fmt_args;
  if (!args.keyword.empty()) {
    fmt_args = Value::dict();
    for (const auto& [k, val] : args.keyword) fmt_args.as_dict().set(std::string_view(k), val);
  } else {
    fmt_args = Value::tuple(args.positional);
  }
  return Value(percent_format(r, r.to_string(v), fmt_args));
}

Value f_float(Renderer&, const Value& v, CallArgs& args) {
  Params p(args, "float", {"default"});
  Value dflt = p.value(0, Value(0.0));
  if (v.is_number()) return Value(v.as_float());
  if (v.is_string()) {
    if (auto d = parse_float(v.as_string())) return Value(*d);
  }
  return dflt;
}

Value f_int(Renderer&, const Value& v, CallArgs& args) {
  Params p(args, "int", {"default", "base"});
  Value dflt = p.value(0, Value(int64_t{0}));
  int64_t base = p.get(1) ? arg_int(*p.get(1), "base") : 10;
  if (v.is_int() || v.is_bool()) return Value(v.as_int());
  if (v.is_float()) {
    double d = v.as_float();
    if (!std::isfinite(d) || std::fabs(d) >= 9.2e18) return dflt;
    return Value(static_cast<int64_t>(std::trunc(d)));
  }
  if (v.is_string()) {
    if (base < 0 || base == 1 || base > 36) return dflt;
    if (auto i = parse_int(v.as_string(), static_cast<int>(base))) return Value(*i);
    if (auto d = parse_float(v.as_string())) {
      if (std::isfinite(*d) && std::fabs(*d) < 9.2e18) return Value(static_cast<int64_t>(std::trunc(*d)));
    }
  }
  return dflt;
}

Value f_abs(Renderer&, const Value& v, CallArgs&) {
  if (v.is_int() || v.is_bool()) {
    if (v.as_int() == INT64_MIN) throw_runtime("integer overflow");
    return Value(v.as_int() < 0 ? -v.as_int() : v.as_int());
  }
  if (v.is_float()) return Value(std::fabs(v.as_float()));
  if (v.is_undefined()) fail_undefined(v);
  throw_runtime("bad operand type for abs(): '" + v.type_name() + "'");
}

Value f_round(Renderer&, const Value& v, CallArgs& args) {
  Params p(args, "round", {"precision", "method"});
  int64_t precision = p.get(0) ? arg_int(*p.get(0), "precision") : 0;
  std::string method = p.get(1) ? p.get(1)->as_string() : "common";
  if (method != "common" && method != "ceil" && method != "floor") throw_runtime("method must be common, ceil or floor");
  if (v.is_undefined()) fail_undefined(v);
  if (!v.is_number()) throw_runtime("type " + v.type_name() + " doesn't define __round__ method");
  if ((v.is_int() || v.is_bool()) && method == "common") {
    // round(int, n) stays an int (half to even for negative n).
    int64_t i = v.as_int();
    if (precision >= 0) return Value(i);
    if (precision < -18) return Value(int64_t{0});
    int64_t m = 1;
    for (int64_t k = 0; k < -precision; ++k) m *= 10;
    int64_t q = i / m, rem = i % m;
    if (rem < 0) {
      rem += m;
      --q;
    }
    if (2 * rem > m || (2 * rem == m && (q % 2 != 0))) ++q;
    int64_t out;
    if (__builtin_mul_overflow(q, m, &out)) throw_runtime("integer overflow");
    return Value(out);
  }
  double d = v.as_float();
  if (precision > 300) precision = 300;
  if (precision < -300) precision = -300;
  double scale = std::pow(10.0, static_cast<double>(precision));
  if (method == "common") {
    // Python's round(): correctly rounded half-even on the decimal value; use printf.
    if (precision >= 0) {
      char buf[512];
      std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(precision), d);
      return Value(std::strtod(buf, nullptr));
    }
    double scaled = d * scale;
    double rounded = std::nearbyint(scaled);
    return Value(rounded / scale);
  }
  double scaled = d * scale;
  return Value((method == "ceil" ? std::ceil(scaled) : std::floor(scaled)) / scale);
}

Value f_indent(Renderer& r, const Value& v, CallArgs& args) {
  Params p(args, "indent", {"width", "first", "blank"});
  std::string indention;
  const Value* w = p.get(0);
  if (w && w->is_string()) {
    indention = w->as_string();
  } else {
    int64_t n = w ? arg_int(*w, "width") : 4;
    if (n > 10000) throw_runtime("indent width too large");
    indention = std::string(static_cast<size_t>(std::max<int64_t>(0, n)), ' ');
  }
  bool first = p.truthy(1), blank = p.truthy(2);
  std::string s = r.to_string(v) + "\n";
  std::vector<std::string> lines = text::splitlines(s, false);
  std::string rv;
  if (blank) {
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i) rv += "\n" + indention;
      rv += lines[i];
    }
  } else {
    if (!lines.empty()) rv = lines[0];
    for (size_t i = 1; i < lines.size(); ++i) rv += "\n" + (lines[i].empty() ? lines[i] : indention + lines[i]);
  }
  if (first) rv = indention + rv;
  return Value(rv);
}

Value f_truncate(Renderer& r, const Value& v, CallArgs& args) {
  Params p(args, "truncate", {"length", "killwords", "end", "leeway"});
  std::string s = r.to_string(v);
  int64_t length = p.get(0) ? arg_int(*p.get(0), "length") : 255;
  bool killwords = p.truthy(1);
  std::string end = p.get(2) ? r.to_string(*p.get(2)) : "...";
  int64_t leeway = p.get(3) && !p.get(3)->is_none() ? arg_int(*p.get(3), "leeway") : 5;
  int64_t end_len = static_cast<int64_t>(text::codepoints(end));
  if (length < end_len) throw_runtime("expected length >= " + std::to_string(end_len) + ", got " + std::to_string(length));
  if (leeway < 0) throw_runtime("expected leeway >= 0, got " + std::to_string(leeway));
  std::vector<Value> chars = r.iterate(Value(s));
  int64_t n = static_cast<int64_t>(chars.size());
  if (n <= length + leeway) return Value(s);
  std::string head;
  for (int64_t i = 0; i < length - end_len && i < n; ++i) head += chars[static_cast<size_t>(i)].as_string();
  if (killwords) return Value(head + end);
  size_t space = head.rfind(' ');
  if (space != std::string::npos) head = head.substr(0, space);
  return Value(head + end);
}

Value f_wordcount(Renderer& r, const Value& v, CallArgs&) {
  std::string s = r.to_string(v);
  int64_t count = 0;
  bool in_word = false;
  for (char c : s) {
    bool w = is_word_char(c);
    if (w && !in_word) ++count;
    in_word = w;
  }
  return Value(count);
}

Value f_striptags(Renderer& r, const Value& v, CallArgs&) {
  std::string s = r.to_string(v);
  // Remove comments and tags, then collapse whitespace and unescape entities (markupsafe).
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s.compare(i, 4, "<!--") == 0) {
      size_t end = s.find("-->", i + 4);
      if (end == std::string::npos) {
        out += s.substr(i);
        break;
      }
      i = end + 3;
    } else if (s[i] == '<') {
      size_t end = s.find('>', i + 1);
      if (end == std::string::npos || end == i + 1) {
        out += s[i++];
        continue;
      }
      i = end + 1;
    } else {
      out += s[i++];
    }
  }
  std::string collapsed;
  for (const std::string& word : text::split(out, nullptr, -1)) {
    if (!collapsed.empty()) collapsed += ' ';
    collapsed += word;
  }
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#34;", "\""}, {"&#39;", "'"}, {"&nbsp;", "\xc2\xa0"}};
  std::string result;
  for (size_t i = 0; i < collapsed.size();) {
    bool replaced = false;
    if (collapsed[i] == '&') {
      for (const auto& [entity, ch] : kEntities) {
        size_t len = std::strlen(entity);
        if (collapsed.compare(i, len, entity) == 0) {
          result += ch;
          i += len;
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) result += collapsed[i++];
  }
  return Value(result);
}

std::string url_quote(const std::string& s, const char* safe, bool plus = false) {
  std::string out;
  for (unsigned char c : s) {
    if (plus && c == ' ') {
      out += '+';
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-' ||
        c == '~' || (c && std::strchr(safe, c))) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

Value f_urlencode(Renderer& r, const Value& v, CallArgs&) {
  if (v.is_string()) return Value(url_quote(v.as_string(), "/"));
  std::vector<std::pair<Value, Value>> pairs;
  if (v.is_dict()) {
    pairs = v.as_dict().entries();
  } else if (v.is_list()) {
    for (const Value& item : v.as_list().items) {
      auto kv = r.iterate(item);
      if (kv.size() != 2) throw_runtime("urlencode expects pairs");
      pairs.emplace_back(kv[0], kv[1]);
    }
  } else {
    return Value(url_quote(r.to_string(v), "/"));
  }
  std::string out;
  for (const auto& [k, val] : pairs) {
    if (!out.empty()) out += '&';
    out += url_quote(r.to_string(k), "", true) + "=" + url_quote(r.to_string(val), "", true);
  }
  return Value(out);
}

Value f_urlize(Renderer& r, const Value& v, CallArgs& args) {
  Params p(args, "urlize", {"trim_url_limit", "nofollow", "target", "rel", "extra_schemes"});
  std::string s = r.to_string(v);
  std::string rel = "noopener";
  if (p.truthy(1)) rel = "nofollow noopener";
  if (p.get(3) && !p.get(3)->is_none()) rel = r.to_string(*p.get(3));
  std::string target_attr = p.get(2) && !p.get(2)->is_none() ? " target=\"" + html_escape(r.to_string(*p.get(2))) + "\"" : "";
  int64_t limit = p.get(0) && !p.get(0)->is_none() ? arg_int(*p.get(0), "trim_url_limit") : -1;
  std::string out;
  size_t i = 0;
  // Words split on whitespace; each word that looks like a URL or e-mail becomes a link.
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size() && !text::is_space(s[j])) ++j;
    std::string word = s.substr(i, j - i);
    std::string head, tail;
    while (!word.empty() && std::strchr("(<&", word[0])) {
      head += word[0];
      word.erase(0, 1);
    }
    while (!word.empty() && std::strchr(".,)>\n&", word.back())) {
      tail.insert(tail.begin(), word.back());
      word.pop_back();
    }
    std::string href;
    if (word.rfind("http://", 0) == 0 || word.rfind("https://", 0) == 0) {
      href = word;
    } else if (word.rfind("www.", 0) == 0) {
      href = "https://" + word;
    } else if (word.find('@') != std::string::npos && word.find(':') == std::string::npos && word.find('.') != std::string::npos &&
               word[0] != '@' && word.back() != '@') {
      href = "mailto:" + word;
    }
    if (!href.empty()) {
      std::string shown = word;
      if (limit >= 0 && static_cast<int64_t>(shown.size()) > limit) shown = shown.substr(0, static_cast<size_t>(limit)) + (limit >= 3 ? "..." : "");
      out += html_escape(head) + "<a href=\"" + html_escape(href) + "\"" +
             (href.rfind("mailto:", 0) == 0 ? "" : " rel=\"" + html_escape(rel) + "\"" + target_attr) + ">" + html_escape(shown) + "</a>" +
             html_escape(tail);
    } else {
      out += html_escape(s.substr(i, j - i));
    }
    while (j < s.size() && text::is_space(s[j])) out += s[j++];
    i = j;
  }
  return Value::safe_string(out);
}

// Code points of a UTF-8 string, each as its own string.
std::vector<std::string> code_points(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    size_t len = 1;
    while (i + len < s.size() && (static_cast<unsigned char>(s[i + len]) & 0xC0) == 0x80) ++len;
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

// textwrap.wrap(line, width, expand_tabs=False, replace_whitespace=False, break_on_hyphens
// ignored): chunks are runs of whitespace or non-whitespace.
std::vector<std::string> wrap_line(const std::string& line, size_t width, bool break_long, bool hyphens) {
  using Chunk = std::vector<std::string>;  // code points
  std::vector<Chunk> chunks;
  for (const std::string& cp : code_points(line)) {
    bool space = cp.size() == 1 && text::is_space(cp[0]);
    if (chunks.empty() || (chunks.back().size() && (chunks.back()[0].size() == 1 && text::is_space(chunks.back()[0][0])) != space)) {
      chunks.emplace_back();
    }
    chunks.back().push_back(cp);
  }
  auto is_ws = [](const Chunk& c) { return !c.empty() && c[0].size() == 1 && text::is_space(c[0][0]); };
  if (hyphens) {
    // textwrap's wordsep_re: a word also breaks after a hyphen between letters
    // ("well-known" -> "well-", "known").
    auto letter = [](const Chunk& c, size_t k) {
      if (k >= c.size()) return false;
      const std::string& cp = c[k];
      if (cp.size() > 1) return true;
      char ch = cp[0];
      return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    };
    std::vector<Chunk> split_chunks;
    for (Chunk& c : chunks) {
      if (is_ws(c)) {
        split_chunks.push_back(std::move(c));
        continue;
      }
      Chunk piece;
      for (size_t k = 0; k < c.size(); ++k) {
        piece.push_back(c[k]);
        if (c[k] != "-") continue;
        bool before = (k >= 2 && letter(c, k - 1) && letter(c, k - 2)) ||
                      (k >= 3 && letter(c, k - 1) && c[k - 2] == "-" && letter(c, k - 3));
        bool after = letter(c, k + 1) && (letter(c, k + 2) || (k + 2 < c.size() && c[k + 2] == "-" && letter(c, k + 3)));
        if (before && after) {
          split_chunks.push_back(std::move(piece));
          piece.clear();
        }
      }
      if (!piece.empty()) split_chunks.push_back(std::move(piece));
    }
    chunks = std::move(split_chunks);
  }
  auto join = [](const std::vector<Chunk>& parts) {
    std::string s;
    for (const Chunk& c : parts) {
      for (const std::string& cp : c) s += cp;
    }
    return s;
  };
  std::vector<Chunk> rev(chunks.rbegin(), chunks.rend());
  std::vector<std::string> lines;
  while (!rev.empty()) {
    std::vector<Chunk> cur;
    size_t cur_len = 0;
    if (is_ws(rev.back()) && !lines.empty()) rev.pop_back();
    while (!rev.empty()) {
      size_t l = rev.back().size();
      if (cur_len + l <= width) {
        cur_len += l;
        cur.push_back(std::move(rev.back()));
        rev.pop_back();
      } else {
        break;
      }
    }
    if (!rev.empty() && rev.back().size() > width) {
      size_t space_left = width < 1 ? 1 : width - cur_len;
      if (break_long) {
        Chunk& c = rev.back();
        size_t end = std::min(space_left, c.size());
        if (hyphens && c.size() > space_left) {
          // Prefer breaking right after the last hyphen that fits.
          for (size_t k = space_left; k-- > 1;) {
            if (c[k] == "-") {
              bool all_hyphens = true;
              for (size_t m = 0; m < k; ++m) all_hyphens = all_hyphens && c[m] == "-";
              if (!all_hyphens) end = k + 1;
              break;
            }
          }
        }
        cur.emplace_back(c.begin(), c.begin() + static_cast<std::ptrdiff_t>(end));
        c.erase(c.begin(), c.begin() + static_cast<std::ptrdiff_t>(end));
        cur_len += cur.back().size();
      } else if (cur.empty()) {
        cur.push_back(std::move(rev.back()));
        rev.pop_back();
      }
    }
    if (!cur.empty() && is_ws(cur.back())) cur.pop_back();
    if (!cur.empty()) lines.push_back(join(cur));
  }
  return lines;
}

Value f_wordwrap(Renderer& r, const Value& v, CallArgs& args) {
  Params p(args, "wordwrap", {"width", "break_long_words", "wrapstring", "break_on_hyphens"});
  int64_t width = p.get(0) ? arg_int(*p.get(0), "width") : 79;
  if (width <= 0) throw_runtime("invalid width " + std::to_string(width) + " (must be > 0)");
  bool break_long = p.truthy(1, true);
  std::string wrapstring = p.get(2) && !p.get(2)->is_none() ? r.to_string(*p.get(2)) : "\n";
  std::string s = r.to_string(v);
  std::string out;
  bool first = true;
  for (const std::string& para : text::splitlines(s, false)) {
    if (!first) out += wrapstring;
    first = false;
    std::vector<std::string> lines = wrap_line(para, static_cast<size_t>(width), break_long, p.truthy(3, true));
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i) out += wrapstring;
      out += lines[i];
    }
  }
  return Value(out);
}

Value f_filesizeformat(Renderer& r, const Value& v, CallArgs& args) {
  Params p(args, "filesizeformat", {"binary"});
  bool binary = p.truthy(0);
  double bytes;
  if (v.is_number()) bytes = v.as_float();
  else if (v.is_string()) {
    auto d = parse_float(v.as_string());
    if (!d) throw_runtime("could not convert string to float: " + v.repr());
    bytes = *d;
  } else {
    bytes = std::strtod(r.to_string(v).c_str(), nullptr);
  }
  double base = binary ? 1024 : 1000;
  static const char* kDec[] = {"kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
  static const char* kBin[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
  if (bytes == 1) return Value("1 Byte");
  if (bytes < base) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f Bytes", bytes);
    return Value(std::string(buf));
  }
  std::string out;
  for (int i = 0; i < 8; ++i) {
    double unit = std::pow(base, i + 2);
    if (bytes < unit || i == 7) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.1f %s", base * bytes / unit, binary ? kBin[i] : kDec[i]);
      return Value(std::string(buf));
    }
  }
  return Value(out);
}

Value f_tojson(Renderer&, const Value& v, CallArgs& args) {
  Params p(args, "tojson", {"indent"});
  int indent = p.get(0) && !p.get(0)->is_none() ? static_cast<int>(std::clamp<int64_t>(arg_int(*p.get(0), "indent"), 0, 64)) : -1;
  return Value::safe_string(to_json(v, indent, true));
}

Value f_xmlattr(Renderer& r, const Value& v, CallArgs& args) {
  Params p(args, "xmlattr", {"autospace"});
  bool autospace = p.truthy(0, true);
  if (!v.is_dict()) throw_runtime("xmlattr expects a dict");
  std::string out;
  for (const auto& [k, val] : v.as_dict().entries()) {
    if (val.is_none() || val.is_undefined()) continue;
    std::string key = r.to_string(k);
    for (char c : key) {
      if (text::is_space(c) || c == '/' || c == '>' || c == '=') throw_runtime("Invalid character in attribute name: " + string_repr(key));
    }
    if (!out.empty()) out += ' ';
    out += html_escape(key) + "=\"" + html_escape(r.to_string(val)) + "\"";
  }
  if (autospace && !out.empty()) out = " " + out;
  return Value::safe_string(out);
}

}  // namespace

void register_builtin_filters(Environment& env) {
  add(env, "upper", f_upper);
  add(env, "lower", f_lower);
  add(env, "capitalize", f_capitalize);
  add(env, "title", f_title);
  add(env, "trim", f_trim);
  add(env, "replace", f_replace);
  add(env, "center", f_center);
  add(env, "default", f_default);
  add(env, "d", f_default);
  add(env, "escape", f_escape);
  add(env, "e", f_escape);
  add(env, "forceescape", f_forceescape);
  add(env, "safe", f_safe);
  add(env, "string", f_string);
  add(env, "format", f_format);
  add(env, "float", f_float);
  add(env, "int", f_int);
  add(env, "abs", f_abs);
  add(env, "round", f_round);
  add(env, "indent", f_indent);
  add(env, "truncate", f_truncate);
  add(env, "wordcount", f_wordcount);
  add(env, "striptags", f_striptags);
  add(env, "urlencode", f_urlencode);
  add(env, "urlize", f_urlize);
  add(env, "wordwrap", f_wordwrap);
  add(env, "filesizeformat", f_filesizeformat);
  add(env, "tojson", f_tojson);
  add(env, "xmlattr", f_xmlattr);
  env.add_filter("attr", [](CallContext& ctx, const Value& input, CallArgs& args) -> Result<Value> {
    Renderer& r = renderer_of(ctx);
    Params p(args, "attr", {"name"});
    if (!p.get(0)) throw_runtime("attr() missing 'name'");
    std::string name = r.to_string(*p.get(0));
    if (!name.empty() && name[0] == '_') {
      return Value::undefined("access to attribute " + string_repr(name) + " is unsafe.", Value::UndefinedFlavor::Security);
    }
    if (input.is_undefined()) r.check_defined(input, true);
    if (input.is_dict()) {
      // getattr only: dict keys are not attributes.
      if (has_method(input, name)) return r.get_attr(input, name);
      return Value::undefined(string_repr(object_type_repr(input)) + " has no attribute " + string_repr(name));
    }
    return r.get_attr(input, name);
  });
  register_sequence_filters(env);
}

}  // namespace strata::jinja
