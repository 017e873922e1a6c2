// exceptions, modules (datetime, re), fromjson/tojson/fromyaml/toyaml, zip, set,
// local_md5, api.Relation / api.Column.
#include <chrono>
#include <ctime>
#include <regex>

#include "common/hash.h"
#include "context/dbt_environment.h"
#include "context/dbt_functions.h"
#include "context/json_value.h"
#include "context/yaml_dump.h"
#include "context/relation.h"
#include "project/yaml_document.h"

namespace strata::context {

namespace {

using jinja::CallArgs;
using jinja::CallContext;
using jinja::Value;

// An object whose attributes are a fixed set of values (namespaces like `exceptions`).
class NamespaceObject final : public jinja::HostObject {
 public:
  NamespaceObject(std::string name, std::map<std::string, Value> members)
      : name_(std::move(name)), members_(std::move(members)) {}
  std::string type_name() const override { return name_; }
  std::optional<Value> get_attr(std::string_view name) const override {
    auto it = members_.find(std::string(name));
    if (it == members_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::string name_;
  std::map<std::string, Value> members_;
};

Value namespace_object(std::string name, std::map<std::string, Value> members) {
  return Value::object(std::make_shared<NamespaceObject>(std::move(name), std::move(members)));
}

// A datetime (UTC, microseconds) with the handful of Python methods dbt code uses.
// `aware`: prints its +00:00 offset, as dbt's timezone-aware run_started_at.
class DateTimeObject final : public jinja::HostObject {
 public:
  explicit DateTimeObject(int64_t micros, bool date_only = false, bool aware = false)
      : micros_(micros), date_only_(date_only), aware_(aware) {}
  std::string type_name() const override { return date_only_ ? "date" : "datetime"; }
  std::optional<Value> get_attr(std::string_view name) const override {
    std::tm t = parts();
    if (name == "year") return Value(int64_t{t.tm_year + 1900});
    if (name == "month") return Value(int64_t{t.tm_mon + 1});
    if (name == "day") return Value(int64_t{t.tm_mday});
    if (name == "hour") return Value(int64_t{t.tm_hour});
    if (name == "minute") return Value(int64_t{t.tm_min});
    if (name == "second") return Value(int64_t{t.tm_sec});
    if (name == "microsecond") return Value(((micros_ % 1000000) + 1000000) % 1000000);
    return std::nullopt;
  }
  std::optional<Result<Value>> call_method(CallContext& context, std::string_view name, CallArgs& args) const override {
    if (name == "strftime") {
      const Value* f = args.arg(0, "format");
      if (!f || !f->is_string()) return Result<Value>(arg_error(context, "strftime", "needs a format string"));
      std::tm t = parts();
      char buf[256];
      size_t n = std::strftime(buf, sizeof buf, f->as_string().c_str(), &t);
      return Result<Value>(Value(std::string(buf, n)));
    }
    if (name == "isoformat") {  // Python: sep defaults to 'T' (str() uses a space)
      const Value* sep = args.arg(0, "sep");
      if (sep && !sep->is_string()) return Result<Value>(arg_error(context, "isoformat", "sep must be a string"));
      return Result<Value>(Value(text(sep ? sep->as_string() : "T")));
    }
    if (name == "timestamp") return Result<Value>(Value(static_cast<double>(micros_) / 1e6));
    if (name == "date") return Result<Value>(Value::object(std::make_shared<DateTimeObject>(micros_ - micros_ % 86400000000LL, true)));
    if (name == "replace") return replaced(context, args);
    return std::nullopt;
  }
  std::string str() const override { return text(" "); }

 private:
  // Python's datetime.replace(year=, month=, day=, hour=, minute=, second=, microsecond=).
  Result<Value> replaced(CallContext& context, CallArgs& args) const {
    std::tm t = parts();
    int64_t micro = ((micros_ % 1000000) + 1000000) % 1000000;
    struct Field {
      const char* name;
      int* slot;
      int low, high;
    };
    int year = t.tm_year + 1900, month = t.tm_mon + 1;
    Field fields[] = {{"year", &year, 1, 9999},      {"month", &month, 1, 12},    {"day", &t.tm_mday, 1, 31},
                      {"hour", &t.tm_hour, 0, 23},  {"minute", &t.tm_min, 0, 59}, {"second", &t.tm_sec, 0, 59}};
    if (!args.positional.empty()) return arg_error(context, "replace", "takes keyword arguments only, e.g. replace(day=1)");
    for (const auto& [key, value] : args.keyword) {
      bool known = false;
      for (auto& f : fields)
        if (key == f.name) {
          if (!value.is_int() || value.as_int() < f.low || value.as_int() > f.high)
            return arg_error(context, "replace", key + " must be an integer from " + std::to_string(f.low) + " to " + std::to_string(f.high));
          *f.slot = static_cast<int>(value.as_int());
          known = true;
        }
      if (key == "microsecond") {
        if (!value.is_int() || value.as_int() < 0 || value.as_int() > 999999)
          return arg_error(context, "replace", "microsecond must be an integer from 0 to 999999");
        micro = value.as_int();
        known = true;
      }
      if (!known) return arg_error(context, "replace", "has no argument '" + key + "'");
    }
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (t.tm_mday > kDays[month - 1] + (month == 2 && leap ? 1 : 0))
      return arg_error(context, "replace", "day is out of range for month");
    t.tm_year = year - 1900;
    t.tm_mon = month - 1;
    int64_t seconds = static_cast<int64_t>(timegm(&t));
    return Value::object(std::make_shared<DateTimeObject>(seconds * 1000000 + micro, date_only_, aware_));
  }

  std::string text(const std::string& separator) const {
    std::tm t = parts();
    char buf[64];
    std::strftime(buf, sizeof buf, date_only_ ? "%Y-%m-%d" : ("%Y-%m-%d" + separator + "%H:%M:%S").c_str(), &t);
    std::string out = buf;
    int64_t frac = ((micros_ % 1000000) + 1000000) % 1000000;
    if (!date_only_ && frac) {
      char f[16];
      std::snprintf(f, sizeof f, ".%06lld", static_cast<long long>(frac));
      out += f;
    }
    if (aware_ && !date_only_) out += "+00:00";
    return out;
  }

  std::tm parts() const {
    std::time_t seconds = static_cast<std::time_t>(micros_ / 1000000);
    std::tm t{};
    gmtime_r(&seconds, &t);
    return t;
  }
  int64_t micros_;
  bool date_only_;
  bool aware_;
};

int64_t now_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

Value run_started_at_value(const std::string& iso_utc) {
  int year, month, day, hour, minute, second;
  char rest[32] = {0};
  if (std::sscanf(iso_utc.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%31s", &year, &month, &day, &hour, &minute, &second, rest) < 6)
    return Value::undefined("'run_started_at' is undefined");
  std::tm t{};
  t.tm_year = year - 1900;
  t.tm_mon = month - 1;
  t.tm_mday = day;
  t.tm_hour = hour;
  t.tm_min = minute;
  t.tm_sec = second;
  int64_t micros = static_cast<int64_t>(timegm(&t)) * 1000000;
  if (rest[0] == '.') {
    int64_t fraction = 0;
    int digits = 0;
    for (const char* p = rest + 1; *p >= '0' && *p <= '9' && digits < 6; ++p, ++digits) fraction = fraction * 10 + (*p - '0');
    for (; digits < 6; ++digits) fraction *= 10;
    micros += fraction;
  }
  return Value::object(std::make_shared<DateTimeObject>(micros, false, true));
}

namespace {

Value datetime_module() {
  auto now = Value::function("now", [](CallContext&, CallArgs&) -> Result<Value> {
    return Value::object(std::make_shared<DateTimeObject>(now_micros()));
  });
  auto today = Value::function("today", [](CallContext&, CallArgs&) -> Result<Value> {
    int64_t m = now_micros();
    return Value::object(std::make_shared<DateTimeObject>(m - m % 86400000000LL, true));
  });
  Value datetime_class = namespace_object("type", {{"now", now}, {"utcnow", now}});
  Value date_class = namespace_object("type", {{"today", today}});
  return namespace_object("module", {{"datetime", datetime_class}, {"date", date_class}});
}

// Python `re` on top of std::regex (ECMAScript); enough for the patterns dbt code uses.
Result<std::regex> compile_regex(CallContext& context, const Value* pattern) {
  if (!pattern || !pattern->is_string()) return arg_error(context, "re", "needs a pattern string");
  try {
    return std::regex(pattern->as_string(), std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return context.error("invalid regular expression '" + pattern->as_string() + "': " + e.what());
  }
}

Value match_value(const std::smatch& m) {
  std::vector<Value> groups;
  for (size_t i = 1; i < m.size(); ++i) groups.push_back(m[i].matched ? Value(m[i].str()) : Value());
  Value group0(m[0].str());
  auto group = Value::function("group", [m0 = m[0].str(), groups](CallContext&, CallArgs& a) -> Result<Value> {
    int64_t i = a.positional.empty() ? 0 : a.positional[0].as_int();
    if (i == 0) return Value(m0);
    if (i > 0 && static_cast<size_t>(i) <= groups.size()) return groups[i - 1];
    return Value();
  });
  auto groups_fn = Value::function("groups", [groups](CallContext&, CallArgs&) -> Result<Value> { return Value::tuple(groups); });
  return namespace_object("re.Match", {{"group", group}, {"groups", groups_fn}});
}

Value re_module() {
  auto search = [](bool anchored) {
    return [anchored](CallContext& context, CallArgs& args) -> Result<Value> {
      auto re = compile_regex(context, args.arg(0, "pattern"));
      if (!re) return std::move(re).error();
      const Value* s = args.arg(1, "string");
      if (!s) return arg_error(context, "re.search", "needs a string");
      std::string text = arg_string(*s);
      std::smatch m;
      bool found = anchored ? std::regex_search(text, m, *re, std::regex_constants::match_continuous)
                            : std::regex_search(text, m, *re);
      return found ? match_value(m) : Value();
    };
  };
  auto sub = [](CallContext& context, CallArgs& args) -> Result<Value> {
    auto re = compile_regex(context, args.arg(0, "pattern"));
    if (!re) return std::move(re).error();
    const Value* repl = args.arg(1, "repl");
    const Value* s = args.arg(2, "string");
    if (!repl || !s) return arg_error(context, "re.sub", "needs pattern, repl and string");
    // Python's \1 becomes ECMAScript's $1.
    std::string r = arg_string(*repl), fmt;
    for (size_t i = 0; i < r.size(); ++i) {
      if (r[i] == '\\' && i + 1 < r.size() && std::isdigit(static_cast<unsigned char>(r[i + 1]))) {
        fmt += '$';
      } else if (r[i] == '$') {
        fmt += "$$";
      } else {
        fmt += r[i];
      }
    }
    return Value(std::regex_replace(arg_string(*s), *re, fmt));
  };
  auto findall = [](CallContext& context, CallArgs& args) -> Result<Value> {
    auto re = compile_regex(context, args.arg(0, "pattern"));
    if (!re) return std::move(re).error();
    const Value* s = args.arg(1, "string");
    if (!s) return arg_error(context, "re.findall", "needs a string");
    std::string text = arg_string(*s);
    std::vector<Value> out;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), *re); it != std::sregex_iterator(); ++it) {
      const std::smatch& m = *it;
      if (m.size() == 1) out.emplace_back(m[0].str());
      else if (m.size() == 2) out.emplace_back(m[1].str());
      else {
        std::vector<Value> g;
        for (size_t i = 1; i < m.size(); ++i) g.emplace_back(m[i].str());
        out.push_back(Value::tuple(std::move(g)));
      }
    }
    return Value::list(std::move(out));
  };
  auto escape = [](CallContext& context, CallArgs& args) -> Result<Value> {
    const Value* s = args.arg(0, "pattern");
    if (!s) return arg_error(context, "re.escape", "needs a string");
    std::string out;
    for (char c : arg_string(*s)) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') out += '\\';
      out += c;
    }
    return Value(out);
  };
  return namespace_object("module", {{"search", Value::function("search", search(false))},
                                     {"match", Value::function("match", search(true))},
                                     {"sub", Value::function("sub", sub)},
                                     {"findall", Value::function("findall", findall)},
                                     {"escape", Value::function("escape", escape)}});
}

}  // namespace

void register_utility_functions(jinja::Environment& env) {
  auto raise = [](CallContext& context, CallArgs& args) -> Result<Value> {
    const Value* msg = args.arg(0, "msg");
    Error error = context.error(msg ? arg_string(*msg) : "compilation error");
    error.code = ErrorCode::Compilation;
    return error;
  };
  auto warn = [](CallContext& context, CallArgs& args) -> Result<Value> {
    RenderState& state = render_state(context);
    const Value* msg = args.arg(0, "msg");
    Error warning = context.error(msg ? arg_string(*msg) : "warning");
    // Parse-time warnings belong to the project (printed at load, kept in the parse cache);
    // later ones are printed as they happen, and fail the render under --warn-error.
    if (state.mode == RenderMode::Parse || !state.project || !state.project->warn) {
      state.warnings.push_back(std::move(warning));
      return Value("");
    }
    state.read_volatile = true;  // printed output: a compile that warned is never reused silently
    if (state.project->warn(warning)) {
      warning.hint = "--warn-error treats exceptions.warn (JinjaLogWarning) as an error";
      return warning;
    }
    return Value("");
  };
  env.add_global("exceptions", namespace_object("exceptions", {
                                                    {"raise_compiler_error", Value::function("raise_compiler_error", raise)},
                                                    {"raise_not_implemented", Value::function("raise_not_implemented", raise)},
                                                    {"raise_fail_fast_error", Value::function("raise_fail_fast_error", raise)},
                                                    {"warn", Value::function("warn", warn)},
                                                }));
  env.add_global("modules", namespace_object("modules", {{"datetime", datetime_module()}, {"re", re_module()}}));

  env.add_function("fromjson", [](CallContext& context, CallArgs& args) -> Result<Value> {
    const Value* s = args.arg(0, "string");
    if (!s) return arg_error(context, "fromjson", "needs a string");
    Json parsed = Json::parse(arg_string(*s), nullptr, false);
    if (parsed.is_discarded()) {
      if (const Value* d = args.arg(1, "default")) return *d;
      return Value();
    }
    return to_value(parsed);
  });
  env.add_function("tojson", [](CallContext& context, CallArgs& args) -> Result<Value> {
    const Value* v = args.arg(0, "value");
    if (!v) return arg_error(context, "tojson", "needs a value");
    return Value(to_json(*v).dump(-1, ' ', false, Json::error_handler_t::replace));
  });
  env.add_function("fromyaml", [](CallContext& context, CallArgs& args) -> Result<Value> {
    const Value* s = args.arg(0, "string");
    if (!s) return arg_error(context, "fromyaml", "needs a string");
    yaml::ParseResult parsed = yaml::parse(arg_string(*s));
    if (parsed.error) {
      if (const Value* d = args.arg(1, "default")) return *d;
      return Value();
    }
    return to_value(project::yaml_to_json(parsed.tree->root()));
  });
  env.add_function("toyaml", [](CallContext& context, CallArgs& args) -> Result<Value> {
    const Value* v = args.arg(0, "value");
    if (!v) return arg_error(context, "toyaml", "needs a value");
    return Value(dump_yaml(to_json(*v)));
  });
  env.add_function("zip", [](CallContext&, CallArgs& args) -> Result<Value> {
    std::vector<Value> out;
    if (args.positional.empty()) return Value::list();
    size_t n = SIZE_MAX;
    for (const auto& a : args.positional) n = std::min(n, a.is_list() ? a.as_list().items.size() : size_t{0});
    for (size_t i = 0; i < n; ++i) {
      std::vector<Value> row;
      for (const auto& a : args.positional) row.push_back(a.as_list().items[i]);
      out.push_back(Value::tuple(std::move(row)));
    }
    return Value::list(std::move(out));
  });
  env.add_function("set", [](CallContext&, CallArgs& args) -> Result<Value> {
    std::vector<Value> out;
    if (!args.positional.empty() && args.positional[0].is_list())
      for (const auto& item : args.positional[0].as_list().items) {
        bool seen = false;
        for (const auto& o : out) seen = seen || o.equals(item);
        if (!seen) out.push_back(item);
      }
    return Value::list(std::move(out));
  });
  env.add_function("local_md5", [](CallContext& context, CallArgs& args) -> Result<Value> {
    const Value* s = args.arg(0, "value");
    if (!s) return arg_error(context, "local_md5", "needs a string");
    return Value(md5_hex(arg_string(*s)));
  });
}

}  // namespace strata::context
