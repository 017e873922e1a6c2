#pragma once
// What a host function, filter, test or block-tag callback sees of the render in progress.
#include <string>
#include <string_view>

#include "common/source_span.h"
#include "jinja/value.h"

namespace strata::jinja {

enum class UndefinedPolicy {
  Lenient,  // Jinja's Undefined: prints empty, iterates empty, is falsy
  Strict,   // StrictUndefined: any use except `is defined`/`default` is an error
};

// The kind of a template error (mirrors Jinja2's exception classes).
enum class ErrorKind {
  Syntax,     // TemplateSyntaxError
  Undefined,  // UndefinedError
  NotFound,   // TemplateNotFound
  Runtime,    // anything else (type errors, division by zero, limits, host errors)
};
const char* error_kind_name(ErrorKind kind);  // "syntax", "undefined", "not_found", "runtime"

class CallContext {
 public:
  virtual ~CallContext() = default;

  // Where the call is in the template (call-site span); file/line/col computed on demand.
  virtual SourceSpan span() const = 0;
  // A variable as seen at the call site (locals, then render vars, then globals);
  // an undefined when missing.
  virtual Value lookup(std::string_view name) const = 0;
  // The `caller` of the innermost macro call in progress (undefined outside call blocks).
  virtual Value caller() const = 0;
  virtual UndefinedPolicy undefined_policy() const = 0;
  // The pointer the host passed in RenderSettings::host_data.
  virtual void* host_data() const = 0;
  virtual const Environment& environment() const = 0;
  // Calls a callable value (macro, host function, host object) from the host.
  virtual Result<Value> call(const Value& callable, CallArgs args) = 0;
  // dbt's `return(x)`: ends the innermost macro call in progress; that call evaluates to
  // `value` instead of its text. Takes effect when the host function returns.
  virtual void return_from_macro(Value value) = 0;
  // A runtime error located at the call site (with the macro chain added by the engine).
  virtual Error error(std::string message) const = 0;
};

}  // namespace strata::jinja
