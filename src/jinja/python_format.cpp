// Python string formatting: `str % args` (printf style) and `str.format()`.
#include <cmath>
#include <cstdio>

#include "jinja/methods.h"
#include "jinja/operators.h"
#include "jinja/renderer.h"

namespace strata::jinja {

namespace {

struct Spec {
  char fill = ' ';
  char align = 0;  // < > ^ =
  char sign = '-';
  bool alt = false;
  bool zero = false;
  int width = -1;
  char grouping = 0;  // ',' or '_'
  int precision = -1;
  char type = 0;
};

size_t cp_len(const std::string& s) {
  size_t n = s.empty() ? 0 : 1;
  for (size_t i = 1; i < s.size(); ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return n;
}

std::string pad(std::string body, const Spec& spec, bool numeric) {
  if (spec.width < 0 || static_cast<int>(cp_len(body)) >= spec.width) return body;
  size_t fill = static_cast<size_t>(spec.width) - cp_len(body);
  char align = spec.align ? spec.align : (numeric ? '>' : '<');
  char fill_char = spec.fill;
  if (spec.zero && !spec.align) {
    align = '=';
    fill_char = '0';
  }
  switch (align) {
    case '<': return body + std::string(fill, fill_char);
    case '^': return std::string(fill / 2, fill_char) + body + std::string(fill - fill / 2, fill_char);
    case '=': {
      size_t sign_len = (!body.empty() && (body[0] == '-' || body[0] == '+' || body[0] == ' ')) ? 1 : 0;
      return body.substr(0, sign_len) + std::string(fill, fill_char) + body.substr(sign_len);
    }
    default: return std::string(fill, fill_char) + body;
  }
}

std::string group_thousands(const std::string& digits, char sep = ',') {
  std::string out;
  int count = 0;
  for (size_t i = digits.size(); i-- > 0;) {
    out.insert(out.begin(), digits[i]);
    if (++count % 3 == 0 && i > 0) out.insert(out.begin(), sep);
  }
  return out;
}

std::string format_number(const Value& v, const Spec& spec) {
  char type = spec.type;
  std::string body;
  bool negative = false;
  if (type == 0 && v.is_float()) {
    body = spec.precision >= 0 ? "" : float_repr(std::fabs(v.as_float()));
    negative = std::signbit(v.as_float());
    if (spec.precision >= 0) type = 'g';
  }
  if (type == 'd' || (type == 0 && !v.is_float())) {
    if (v.is_float()) throw_runtime("Unknown format code 'd' for object of type 'float'");
    int64_t i = v.as_int();
    negative = i < 0;
    uint64_t mag = negative ? (~static_cast<uint64_t>(i) + 1) : static_cast<uint64_t>(i);
    body = std::to_string(mag);
    if (spec.grouping) body = group_thousands(body, spec.grouping);
  } else if (type == 'x' || type == 'X' || type == 'o' || type == 'b') {
    if (v.is_float()) throw_runtime(std::string("Unknown format code '") + type + "' for object of type 'float'");
    int64_t i = v.as_int();
    negative = i < 0;
    uint64_t mag = negative ? (~static_cast<uint64_t>(i) + 1) : static_cast<uint64_t>(i);
    if (type == 'b') {
      body = mag == 0 ? "0" : "";
      while (mag) {
        body.insert(body.begin(), static_cast<char>('0' + (mag & 1)));
        mag >>= 1;
      }
    } else {
      char buf[32];
      std::snprintf(buf, sizeof buf, type == 'x' ? "%llx" : type == 'X' ? "%llX" : "%llo", static_cast<unsigned long long>(mag));
      body = buf;
    }
    if (spec.alt) body = std::string("0") + (type == 'X' ? 'X' : type) + body;
  } else if (type == 'f' || type == 'F' || type == 'e' || type == 'E' || type == 'g' || type == 'G' || type == '%') {
    double d = v.as_float();
    if (type == '%') d *= 100;
    negative = std::signbit(d) && !std::isnan(d);
    int prec = spec.precision >= 0 ? spec.precision : 6;
    char fmt[16];
    char t = type == '%' ? 'f' : type;
    std::snprintf(fmt, sizeof fmt, "%%%s.%d%c", spec.alt ? "#" : "", prec, t);
    char buf[512];
    std::snprintf(buf, sizeof buf, fmt, std::fabs(d));
    body = buf;
    if (spec.grouping) {
      size_t dot = body.find_first_of(".eE");
      std::string int_part = body.substr(0, dot);
      body = group_thousands(int_part, spec.grouping) + (dot == std::string::npos ? "" : body.substr(dot));
    }
    if (type == '%') body += '%';
  } else if (type != 0) {
    throw_runtime(std::string("Unknown format code '") + type + "' for object of type '" + v.type_name() + "'");
  }
  std::string sign = negative ? "-" : (spec.sign == '+' ? "+" : spec.sign == ' ' ? " " : "");
  return pad(sign + body, spec, true);
}

Spec parse_spec(const std::string& s) {
  Spec spec;
  size_t i = 0;
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
  if (s.size() >= 2 && is_align(s[1])) {
    spec.fill = s[0];
    spec.align = s[1];
    i = 2;
  } else if (!s.empty() && is_align(s[0])) {
    spec.align = s[0];
    i = 1;
  }
  if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) spec.sign = s[i++];
  if (i < s.size() && s[i] == '#') {
    spec.alt = true;
    ++i;
  }
  if (i < s.size() && s[i] == '0') {
    spec.zero = true;
    ++i;
  }
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
    spec.width = (spec.width < 0 ? 0 : spec.width) * 10 + (s[i++] - '0');
    if (spec.width > 100000) throw_runtime("width too big");
  }
  if (i < s.size() && (s[i] == ',' || s[i] == '_')) spec.grouping = s[i++];
  if (i < s.size() && s[i] == '.') {
    ++i;
    spec.precision = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      spec.precision = spec.precision * 10 + (s[i++] - '0');
      if (spec.precision > 1000) throw_runtime("precision too big");
    }
  }
  if (i < s.size()) spec.type = s[i++];
  if (i != s.size()) throw_runtime("Invalid format specifier");
  return spec;
}

std::string apply_spec(const Renderer& r, const Value& v, const std::string& spec_text) {
  Spec spec = parse_spec(spec_text);
  if (v.is_number() && !(v.is_bool() && spec.type == 0)) return format_number(v.is_bool() ? Value(v.as_int()) : v, spec);
  if (spec.type != 0 && spec.type != 's') {
    throw_runtime(std::string("Unknown format code '") + spec.type + "' for object of type '" + v.type_name() + "'");
  }
  std::string s = r.to_string(v);
  if (spec.precision >= 0 && static_cast<size_t>(spec.precision) < s.size()) s = s.substr(0, static_cast<size_t>(spec.precision));
  return pad(s, spec, false);
}

// Python's ascii(): repr with non-ASCII code points escaped.
std::string ascii_repr(const std::string& repr) {
  std::string out;
  for (size_t i = 0; i < repr.size();) {
    unsigned char c = static_cast<unsigned char>(repr[i]);
    if (c < 0x80) {
      out += repr[i++];
      continue;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    uint32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
    for (size_t k = 1; k < len && i + k < repr.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(repr[i + k]) & 0x3F);
    i += len;
    char buf[16];
    if (cp <= 0xFF) std::snprintf(buf, sizeof buf, "\\x%02x", cp);
    else if (cp <= 0xFFFF) std::snprintf(buf, sizeof buf, "\\u%04x", cp);
    else std::snprintf(buf, sizeof buf, "\\U%08x", cp);
    out += buf;
  }
  return out;
}

}  // namespace

std::string percent_format(const Renderer& r, const std::string& format, const Value& args) {
  std::vector<Value> positional;
  const Dict* mapping = nullptr;
  if (args.is_tuple()) {
    positional = args.as_list().items;
  } else {
    positional.push_back(args);
    if (args.is_dict()) mapping = &args.as_dict();
  }
  size_t next_arg = 0;
  std::string out;
  for (size_t i = 0; i < format.size(); ++i) {
    char c = format[i];
    if (c != '%') {
      out += c;
      continue;
    }
    if (++i >= format.size()) throw_runtime("incomplete format");
    const Value* arg = nullptr;
    if (format[i] == '(') {
      size_t close = format.find(')', i);
      if (close == std::string::npos) throw_runtime("incomplete format key");
      if (!mapping) throw_runtime("format requires a mapping");
      arg = mapping->find(std::string_view(format).substr(i + 1, close - i - 1));
      if (!arg) throw_runtime("KeyError: '" + format.substr(i + 1, close - i - 1) + "'");
      i = close + 1;
    }
    Spec spec;
    spec.align = '>';
    for (; i < format.size(); ++i) {
      char f = format[i];
      if (f == '-') spec.align = '<';
      else if (f == '+') spec.sign = '+';
      else if (f == ' ') spec.sign = spec.sign == '+' ? '+' : ' ';
      else if (f == '#') spec.alt = true;
      else if (f == '0') spec.zero = true;
      else break;
    }
    if (spec.zero && spec.align == '<') spec.zero = false;
    if (spec.zero) spec.align = 0;
    if (i < format.size() && format[i] == '*') {
      if (next_arg >= positional.size()) throw_runtime("not enough arguments for format string");
      int64_t w = arg_int(positional[next_arg++], "* wants int");
      if (w < 0) {
        spec.align = '<';
        w = -w;
      }
      if (w > 100000) throw_runtime("width too big");
      spec.width = static_cast<int>(w);
      ++i;
    }
    while (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i]))) {
      spec.width = (spec.width < 0 ? 0 : spec.width) * 10 + (format[i++] - '0');
      if (spec.width > 100000) throw_runtime("width too big");
    }
    if (i < format.size() && format[i] == '.') {
      ++i;
      spec.precision = 0;
      while (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i]))) {
        spec.precision = spec.precision * 10 + (format[i++] - '0');
        if (spec.precision > 1000) throw_runtime("precision too big");
      }
    }
    if (i >= format.size()) throw_runtime("incomplete format");
    char type = format[i];
    if (type == '%') {
      out += '%';
      continue;
    }
    if (!arg) {
      if (next_arg >= positional.size()) throw_runtime("not enough arguments for format string");
      arg = &positional[next_arg++];
    }
    switch (type) {
      case 's':
      case 'r':
      case 'a': {
        std::string s = type == 's' ? r.to_string(*arg) : type == 'r' ? arg->repr() : ascii_repr(arg->repr());
        if (spec.precision >= 0 && static_cast<size_t>(spec.precision) < s.size()) s = s.substr(0, static_cast<size_t>(spec.precision));
        Spec text_spec = spec;
        text_spec.zero = false;
        if (!text_spec.align) text_spec.align = '>';
        out += pad(s, text_spec, false);
        break;
      }
      case 'd':
      case 'i':
      case 'u': {
        if (!arg->is_number()) throw_runtime("%" + std::string(1, type) + " format: a real number is required, not " + arg->type_name());
        Spec s = spec;
        s.type = 'd';
        s.precision = -1;
        double d = arg->as_float();
        if (arg->is_float()) {
          // Python: %d of inf/nan is an error, and ints are unbounded; strata's are 64-bit.
          if (!std::isfinite(d)) throw_runtime("cannot convert float " + float_repr(d) + " to integer");
          if (std::trunc(d) < -9223372036854775808.0 || std::trunc(d) >= 9223372036854775808.0)
            throw_runtime("integer overflow: %d of " + float_repr(d) + " does not fit in 64 bits");
        }
        out += format_number(arg->is_float() ? Value(static_cast<int64_t>(std::trunc(d))) : Value(arg->as_int()), s);
        break;
      }
      case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'x': case 'X': case 'o': {
        if (!arg->is_number()) throw_runtime("must be real number, not " + arg->type_name());
        Spec s = spec;
        s.type = type;
        out += format_number(arg->is_bool() ? Value(arg->as_int()) : *arg, s);
        break;
      }
      case 'c':
        out += arg->is_string() ? arg->as_string() : std::string(1, static_cast<char>(arg->as_int()));
        break;
      default: throw_runtime(std::string("unsupported format character '") + type + "'");
    }
  }
  if (next_arg < positional.size() && !mapping) throw_runtime("not all arguments converted during string formatting");
  return out;
}

std::string brace_format(const Renderer& r, const std::string& format, const CallArgs& args) {
  std::string out;
  size_t auto_index = 0;
  bool used_auto = false, used_manual = false;
  for (size_t i = 0; i < format.size(); ++i) {
    char c = format[i];
    if (c == '}') {
      if (i + 1 < format.size() && format[i + 1] == '}') {
        out += '}';
        ++i;
        continue;
      }
      throw_runtime("Single '}' encountered in format string");
    }
    if (c != '{') {
      out += c;
      continue;
    }
    if (i + 1 < format.size() && format[i + 1] == '{') {
      out += '{';
      ++i;
      continue;
    }
    size_t close = i + 1;
    int nesting = 1;
    while (close < format.size()) {
      if (format[close] == '{') ++nesting;
      if (format[close] == '}' && --nesting == 0) break;
      ++close;
    }
    if (close >= format.size()) throw_runtime("Single '{' encountered in format string");
    std::string field = format.substr(i + 1, close - i - 1);
    i = close;
    std::string spec;
    char conversion = 0;
    size_t colon = field.find(':');
    if (colon != std::string::npos) {
      spec = field.substr(colon + 1);
      field = field.substr(0, colon);
    }
    size_t bang = field.find('!');
    if (bang != std::string::npos) {
      conversion = bang + 1 < field.size() ? field[bang + 1] : 0;
      field = field.substr(0, bang);
    }
    size_t name_end = field.find_first_of(".[");
    std::string head = field.substr(0, name_end);
    Value value;
    if (head.empty()) used_auto = true;
    else if (std::isdigit(static_cast<unsigned char>(head[0]))) used_manual = true;
    if (used_auto && used_manual) throw_runtime("cannot switch from manual field specification to automatic field numbering");
    if (head.empty()) {
      if (auto_index >= args.positional.size()) throw_runtime("Replacement index " + std::to_string(auto_index) + " out of range for positional args tuple");
      value = args.positional[auto_index++];
    } else if (std::isdigit(static_cast<unsigned char>(head[0]))) {
      size_t idx = static_cast<size_t>(std::stoul(head.substr(0, 9)));
      if (idx >= args.positional.size()) throw_runtime("Replacement index " + head + " out of range for positional args tuple");
      value = args.positional[idx];
    } else {
      const Value* kw = args.kwarg(head);
      if (!kw) throw_runtime("KeyError: '" + head + "'");
      value = *kw;
    }
    Renderer& mr = const_cast<Renderer&>(r);
    size_t pos = name_end;
    while (pos != std::string::npos && pos < field.size()) {
      if (field[pos] == '.') {
        size_t end = field.find_first_of(".[", pos + 1);
        value = mr.get_attr(value, field.substr(pos + 1, end == std::string::npos ? std::string::npos : end - pos - 1));
        pos = end;
      } else {
        size_t end = field.find(']', pos);
        if (end == std::string::npos) throw_runtime("Missing ']' in format string");
        std::string key = field.substr(pos + 1, end - pos - 1);
        bool numeric = !key.empty() && key.find_first_not_of("0123456789") == std::string::npos;
        value = mr.get_item(value, numeric ? Value(static_cast<int64_t>(std::stoll(key.substr(0, 18)))) : Value(key));
        pos = end + 1;
      }
    }
    if (conversion == 'r') value = Value(value.repr());
    else if (conversion == 's') value = Value(r.to_string(value));
    out += apply_spec(r, value, spec);
  }
  return out;
}

}  // namespace strata::jinja
