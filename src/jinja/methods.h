#pragma once
// Python methods on built-in values: str, list and dict (`s.upper()`, `l.append(x)`,
// `d.items()`), with Python semantics. Mutating methods mutate the shared object.
#include <string_view>

#include "jinja/value.h"

namespace strata::jinja {

class Renderer;

bool has_method(const Value& receiver, std::string_view name);
// Throws RenderException (TypeError-like) on bad arguments.
Value call_method(Renderer& r, const Value& receiver, std::string_view name, CallArgs& args);
// `d.items` without a call: a callable bound to the receiver.
Value bound_method(const Value& receiver, std::string_view name);

bool has_str_method(std::string_view name);
bool has_list_method(std::string_view name);
bool has_dict_method(std::string_view name);
Value call_str_method(Renderer& r, const std::string& s, std::string_view name, CallArgs& args);
Value call_list_method(Renderer& r, const Value& list, std::string_view name, CallArgs& args);
Value call_dict_method(Renderer& r, const Value& dict, std::string_view name, CallArgs& args);

// Argument helpers shared by methods, filters and globals.
void expect_args(const CallArgs& args, std::string_view fn, size_t min, size_t max);
int64_t arg_int(const Value& v, std::string_view what);

}  // namespace strata::jinja
