#include "cli/cli_context.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

namespace strata::cli {

namespace {
bool color_allowed(int fd, bool no_color) {
  if (no_color || std::getenv("NO_COLOR") != nullptr) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string(term) == "dumb") return false;
  return isatty(fd) != 0;
}
}  // namespace

bool CliContext::color_stdout() const { return color_allowed(STDOUT_FILENO, options.no_color); }
bool CliContext::color_stderr() const { return color_allowed(STDERR_FILENO, options.no_color); }

void CliContext::report(const Error& error) const {
  std::lock_guard<std::mutex> lock(output_);
  if (options.log_format == LogFormat::Json) {
    nlohmann::ordered_json event = {{"level", "error"}, {"code", error_code_name(error.code)}, {"msg", error.message}};
    if (error.span.known()) {
      event["file"] = error.span.file();
      event["line"] = error.span.line;
      event["column"] = error.span.column;
    }
    if (!error.hint.empty()) event["hint"] = error.hint;
    std::cerr << event.dump() << "\n";
    return;
  }
  std::cerr << render_error(error, {color_stderr()});
}

bool CliContext::warn(const Error& warning, std::string_view name) const {
  switch (warn_error.action(name)) {
    case WarningAction::Silence:
      return false;
    case WarningAction::Error: {
      ++promoted_warnings_;
      Error promoted = warning;
      std::string note = "--warn-error treats this warning (" + std::string(name) + ") as an error";
      promoted.hint = promoted.hint.empty() ? note : promoted.hint + "; " + note;
      report(promoted);
      return true;
    }
    case WarningAction::Warn:
      break;
  }
  std::lock_guard<std::mutex> lock(output_);
  if (options.log_format == LogFormat::Json) {
    nlohmann::ordered_json event = {{"level", "warn"}, {"name", name}, {"msg", warning.message}};
    if (warning.span.known()) {
      event["file"] = warning.span.file();
      event["line"] = warning.span.line;
      event["column"] = warning.span.column;
    }
    std::cerr << event.dump() << "\n";
    return false;
  }
  RenderOptions render{color_stderr()};
  render.severity = "warning";
  std::cerr << render_error(warning, render);
  return false;
}

void CliContext::info(const std::string& line) const {
  if (options.quiet) return;
  if (options.log_format == LogFormat::Json) {
    std::cerr << nlohmann::ordered_json{{"level", "info"}, {"msg", line}}.dump() << "\n";
    return;
  }
  std::cerr << line << "\n";
}

}  // namespace strata::cli
