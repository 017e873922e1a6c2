// Python str methods.
#include <algorithm>

#include "jinja/methods.h"
#include "jinja/operators.h"
#include "jinja/renderer.h"
#include "jinja/text.h"

namespace strata::jinja {

namespace {

const char* kStrMethods[] = {
    "upper", "lower", "strip", "lstrip", "rstrip", "split", "rsplit", "replace", "startswith", "endswith",
    "format", "join", "title", "capitalize", "find", "rfind", "index", "rindex", "count", "isdigit",
    "isalpha", "isalnum", "isspace", "islower", "isupper", "istitle", "isnumeric", "isdecimal", "zfill",
    "center", "ljust", "rjust", "partition", "rpartition", "splitlines", "casefold", "swapcase",
    "removeprefix", "removesuffix", "isidentifier", "expandtabs"};

const std::string* opt_string(const CallArgs& args, size_t index, std::string_view name) {
  const Value* v = args.arg(index, name);
  if (!v || v->is_none()) return nullptr;
  if (!v->is_string()) throw_runtime("must be str or None, not " + v->type_name());
  return &v->as_string();
}

const std::string& req_string(const CallArgs& args, size_t index, std::string_view what) {
  const Value* v = args.arg(index, what);
  if (!v) throw_runtime(std::string(what) + " argument is required");
  if (!v->is_string()) throw_runtime("must be str, not " + v->type_name());
  return v->as_string();
}

// Python's (start, end) slice bounds for find/count/startswith.
void bounds(const CallArgs& args, size_t first, size_t size, size_t& start, size_t& end) {
  auto resolve = [&](size_t i, int64_t dflt) -> int64_t {
    if (i >= args.positional.size() || args.positional[i].is_none()) return dflt;
    int64_t v = arg_int(args.positional[i], "slice index");
    if (v < 0) v = std::max<int64_t>(0, v + static_cast<int64_t>(size));
    return std::min<int64_t>(v, static_cast<int64_t>(size));
  };
  start = static_cast<size_t>(resolve(first, 0));
  end = static_cast<size_t>(resolve(first + 1, static_cast<int64_t>(size)));
}


std::string justify(const std::string& s, int64_t width, char fill, char how) {
  int64_t len = static_cast<int64_t>(text::codepoints(s));
  if (width > (1 << 24)) throw_runtime("width too large");
  if (width <= len) return s;
  size_t pad = static_cast<size_t>(width - len);
  if (how == '<') return s + std::string(pad, fill);
  if (how == '>') return std::string(pad, fill) + s;
  size_t left = pad / 2 + (pad & static_cast<size_t>(width) & 1);
  return std::string(left, fill) + s + std::string(pad - left, fill);
}

char fill_char(const CallArgs& args, size_t index) {
  if (index >= args.positional.size()) return ' ';
  const Value& v = args.positional[index];
  if (!v.is_string() || v.as_string().size() != 1) throw_runtime("The fill character must be exactly one character long");
  return v.as_string()[0];
}

Value string_list(std::vector<std::string> parts) {
  std::vector<Value> out;
  out.reserve(parts.size());
  for (auto& p : parts) out.emplace_back(std::move(p));
  return Value::list(std::move(out));
}

bool affix_match(const std::string& s, const Value& affix, size_t start, size_t end, bool prefix) {
  auto check = [&](const Value& a) {
    if (!a.is_string()) throw_runtime(std::string(prefix ? "startswith" : "endswith") + " first arg must be str or a tuple of str, not " + a.type_name());
    const std::string& x = a.as_string();
    if (end < start || end - start < x.size()) return false;
    return prefix ? s.compare(start, x.size(), x) == 0 : s.compare(end - x.size(), x.size(), x) == 0;
  };
  if (affix.is_tuple()) {
    for (const Value& a : affix.as_list().items) {
      if (check(a)) return true;
    }
    return false;
  }
  return check(affix);
}

}  // namespace

bool has_str_method(std::string_view name) {
  for (const char* n : kStrMethods) {
    if (name == n) return true;
  }
  return false;
}

Value call_str_method(Renderer& r, const std::string& s, std::string_view name, CallArgs& args) {
  if (name == "upper") return Value(text::upper(s));
  if (name == "lower" || name == "casefold") return Value(text::lower(s));
  if (name == "title") return Value(text::title(s));
  if (name == "capitalize") return Value(text::capitalize(s));
  if (name == "swapcase") return Value(text::swapcase(s));
  if (name == "strip" || name == "lstrip" || name == "rstrip") {
    expect_args(args, name, 0, 1);
    return Value(text::strip(s, opt_string(args, 0, "chars"), name != "rstrip", name != "lstrip"));
  }
  if (name == "split" || name == "rsplit") {
    expect_args(args, name, 0, 2);
    const std::string* sep = opt_string(args, 0, "sep");
    if (sep && sep->empty()) throw_runtime("empty separator");
    const Value* m = args.arg(1, "maxsplit");
    int64_t maxsplit = m ? arg_int(*m, "maxsplit") : -1;
    return string_list(name == "split" ? text::split(s, sep, maxsplit) : text::rsplit(s, sep, maxsplit));
  }
  if (name == "splitlines") {
    const Value* keep = args.arg(0, "keepends");
    return string_list(text::splitlines(s, keep && keep->truthy()));
  }
  if (name == "replace") {
    expect_args(args, name, 2, 3);
    int64_t count = args.positional.size() > 2 ? arg_int(args.positional[2], "count") : -1;
    const std::string& old = req_string(args, 0, "old");
    const std::string& with = req_string(args, 1, "new");
    if (old.empty() && s.size() * with.size() > (64u << 20)) throw_runtime("result too large");
    if (!old.empty() && with.size() > old.size() && (s.size() / old.size()) * with.size() > (64u << 20)) throw_runtime("result too large");
    Value out(text::replace(s, old, with, count));
    r.charge(out.as_string().size());
    return out;
  }
  if (name == "startswith" || name == "endswith") {
    expect_args(args, name, 1, 3);
    size_t start, end;
    bounds(args, 1, s.size(), start, end);
    return Value(affix_match(s, args.positional[0], start, end, name == "startswith"));
  }
  if (name == "removeprefix" || name == "removesuffix") {
    expect_args(args, name, 1, 1);
    const std::string& a = req_string(args, 0, "affix");
    if (name == "removeprefix") return Value(s.compare(0, a.size(), a) == 0 && s.size() >= a.size() ? s.substr(a.size()) : s);
    if (s.size() >= a.size() && s.compare(s.size() - a.size(), a.size(), a) == 0) return Value(s.substr(0, s.size() - a.size()));
    return Value(s);
  }
  if (name == "format") return Value(brace_format(r, s, args));
  if (name == "join") {
    expect_args(args, name, 1, 1);
    std::string out;
    std::vector<Value> items = r.iterate(args.positional[0]);
    for (size_t i = 0; i < items.size(); ++i) {
      if (!items[i].is_string()) {
        throw_runtime("sequence item " + std::to_string(i) + ": expected str instance, " + items[i].type_name() + " found");
      }
      if (i) out += s;
      out += items[i].as_string();
    }
    return Value(std::move(out));
  }
  if (name == "find" || name == "rfind" || name == "index" || name == "rindex" || name == "count") {
    expect_args(args, name, 1, 3);
    const std::string& sub = req_string(args, 0, "sub");
    size_t start, end;
    bounds(args, 1, s.size(), start, end);
    std::string_view window = end > start ? std::string_view(s).substr(start, end - start) : std::string_view();
    if (name == "count") {
      if (end < start) return Value(int64_t{0});
      if (sub.empty()) return Value(static_cast<int64_t>(text::codepoints(window) + 1));
      int64_t count = 0;
      for (size_t pos = window.find(sub); pos != std::string_view::npos; pos = window.find(sub, pos + sub.size())) ++count;
      return Value(count);
    }
    size_t pos = std::string_view::npos;
    if (end >= start) pos = (name == "find" || name == "index") ? window.find(sub) : window.rfind(sub);
    if (pos == std::string_view::npos) {
      if (name == "index" || name == "rindex") throw_runtime("substring not found");
      return Value(int64_t{-1});
    }
    return Value(static_cast<int64_t>(text::codepoints(std::string_view(s).substr(0, start + pos))));
  }
  if (name == "isdigit" || name == "isnumeric" || name == "isdecimal") return Value(text::all_code_points(s, text::is_digit_cp));
  if (name == "isalpha") return Value(text::all_code_points(s, text::is_alpha_cp));
  if (name == "isalnum") {
    return Value(text::all_code_points(s, [](uint32_t cp) { return text::is_alpha_cp(cp) || text::is_digit_cp(cp); }));
  }
  if (name == "isspace") return Value(text::all_code_points(s, text::is_space_cp));
  if (name == "isidentifier") {
    if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return Value(false);
    return Value(text::all_code_points(s, [](uint32_t cp) { return text::is_alpha_cp(cp) || (cp >= '0' && cp <= '9') || cp == '_'; }));
  }
  if (name == "islower" || name == "isupper") return Value(text::has_cased(s, name == "isupper"));
  if (name == "istitle") return Value(!s.empty() && text::title(s) == s && text::lower(s) != text::upper(s));
  if (name == "zfill") {
    expect_args(args, name, 1, 1);
    int64_t width = arg_int(args.positional[0], "width");
    int64_t len = static_cast<int64_t>(text::codepoints(s));
    if (width > (1 << 24)) throw_runtime("width too large");
    if (width <= len) return Value(s);
    size_t sign = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    return Value(s.substr(0, sign) + std::string(static_cast<size_t>(width - len), '0') + s.substr(sign));
  }
  if (name == "center" || name == "ljust" || name == "rjust") {
    expect_args(args, name, 1, 2);
    int64_t width = arg_int(args.positional[0], "width");
    return Value(justify(s, width, fill_char(args, 1), name == "center" ? '^' : name == "ljust" ? '<' : '>'));
  }
  if (name == "partition" || name == "rpartition") {
    expect_args(args, name, 1, 1);
    const std::string& sep = req_string(args, 0, "sep");
    if (sep.empty()) throw_runtime("empty separator");
    size_t pos = name == "partition" ? s.find(sep) : s.rfind(sep);
    if (pos == std::string::npos) {
      if (name == "partition") return Value::tuple({Value(s), Value(""), Value("")});
      return Value::tuple({Value(""), Value(""), Value(s)});
    }
    return Value::tuple({Value(s.substr(0, pos)), Value(sep), Value(s.substr(pos + sep.size()))});
  }
  if (name == "expandtabs") {
    std::string out;
    size_t col = 0;
    int64_t tab = args.positional.empty() ? 8 : arg_int(args.positional[0], "tabsize");
    if (tab > 1024) throw_runtime("tabsize too large");
    for (char c : s) {
      if (c == '\t') {
        if (tab > 0) {
          size_t n = static_cast<size_t>(tab) - col % static_cast<size_t>(tab);
          out.append(n, ' ');
          col += n;
        }
      } else {
        out += c;
        col = (c == '\n' || c == '\r') ? 0 : col + 1;
      }
    }
    return Value(std::move(out));
  }
  throw_runtime("'str' object has no attribute '" + std::string(name) + "'");
}

}  // namespace strata::jinja
