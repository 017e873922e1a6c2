#pragma once
// Errors are values: a code, a message, an optional source span, a chain of places it was
// reached through (macro calls, includes), and a hint that says what to do.
#include <string>
#include <vector>

#include "common/source_span.h"

namespace strata {

enum class ErrorCode {
  Internal,
  Usage,          // bad command line
  Io,             // file system
  Config,         // project/profile/YAML configuration
  Yaml,
  TemplateSyntax,
  TemplateRuntime,
  Compilation,    // dbt compile-time error (ref not found, cycle, ...)
  Database,       // the warehouse reported an error
  DatabaseLocked, // the warehouse file is held by another process
  Interrupted,
  Network,
  Load,
  Test,
};

const char* error_code_name(ErrorCode code);

// One step of "how we got here": e.g. a macro call from a model.
struct ErrorFrame {
  std::string description;  // e.g. "in macro 'cents_to_dollars'"
  SourceSpan span;
};

struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;
  SourceSpan span;                 // where; span.known() == false if not tied to a file
  std::vector<ErrorFrame> chain;   // innermost first
  std::string hint;                // what the user should do; may be empty

  Error() = default;
  Error(ErrorCode c, std::string msg) : code(c), message(std::move(msg)) {}
  Error(ErrorCode c, std::string msg, SourceSpan s) : code(c), message(std::move(msg)), span(std::move(s)) {}

  Error& with_hint(std::string h) & { hint = std::move(h); return *this; }
  Error&& with_hint(std::string h) && { hint = std::move(h); return std::move(*this); }
  Error& reached_from(std::string description, SourceSpan s) & {
    chain.push_back({std::move(description), std::move(s)});
    return *this;
  }
  Error&& reached_from(std::string description, SourceSpan s) && {
    chain.push_back({std::move(description), std::move(s)});
    return std::move(*this);
  }
};

struct RenderOptions {
  bool color = false;
  const char* severity = "error";  // "warning" for warnings
};

// file:line:col: error: message
//    3 | select * from {{ ref('x') }}
//      |               ^^^^^^^^^^^^^^
//   in macro 'm' at macros/m.sql:2:5
// hint: ...
std::string render_error(const Error& error, const RenderOptions& options = {});

// The source line (without its newline) for a 1-based line number; empty if out of range.
std::string source_line(const std::string& content, uint32_t line);

}  // namespace strata
