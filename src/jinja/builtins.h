#pragma once
// Jinja2's built-in filters, tests and globals, registered into every Environment.
#include <initializer_list>
#include <string_view>
#include <vector>

#include "jinja/value.h"

namespace strata::jinja {

class Environment;
class Renderer;

void register_builtin_filters(Environment& env);
void register_builtin_tests(Environment& env);
void register_builtin_globals(Environment& env);

// Python-style binding of call arguments to named parameters (after the filter input).
class Params {
 public:
  Params(const CallArgs& args, std::string_view fn, std::initializer_list<const char*> names, bool allow_extra = false);
  const Value* get(size_t i) const { return i < slots_.size() ? slots_[i] : nullptr; }
  Value value(size_t i, Value fallback) const { return get(i) ? *get(i) : fallback; }
  bool truthy(size_t i, bool fallback = false) const { return get(i) ? get(i)->truthy() : fallback; }
  // Positional arguments beyond the named ones (when allow_extra).
  std::vector<Value> extra;

 private:
  std::vector<const Value*> slots_;
};

// HTML-escapes like markupsafe.escape.
std::string html_escape(std::string_view s);
// json.dumps(value, sort_keys=True) with Jinja's HTML-safe replacements when html_safe.
std::string to_json(const Value& v, int indent, bool html_safe);

}  // namespace strata::jinja
