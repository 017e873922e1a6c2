#pragma once
// What every command receives: the global flags and the output streams they imply.
#include <CLI/CLI.hpp>

#include <atomic>
#include <mutex>

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "cli/warn_error_policy.h"
#include "common/error.h"

namespace strata::cli {

enum class LogFormat { Text, Json };

struct GlobalOptions {
  LogFormat log_format = LogFormat::Text;
  bool no_color = false;
  bool quiet = false;
};

// Exit codes, as dbt's: 0 success, 1 a run or query failed, 2 bad invocation or crash.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

class CliContext {
 public:
  GlobalOptions options;
  // --warn-error / --warn-error-options (or DBT_WARN_ERROR*); when none was given, the
  // project's `flags:` may set it once the project is read (open_project), hence mutable.
  mutable WarnErrorPolicy warn_error;
  bool warn_error_from_command_line = false;

  bool color_stdout() const;
  bool color_stderr() const;

  // Renders an error to stderr in the selected log format.
  void report(const Error& error) const;
  // A warning named `name` (warn_error_policy.h) to stderr: rendered like an error as
  // "warning:", or as an error when --warn-error promotes it, or not at all when silenced.
  // Returns whether it became an error; the command must then fail (promoted_warnings()).
  bool warn(const Error& warning, std::string_view name) const;
  size_t promoted_warnings() const { return promoted_warnings_.load(); }
  // An informational line to stderr (suppressed by --quiet).
  void info(const std::string& line) const;

  // Memory-only objects (a loaded project: millions of small allocations) that the process
  // may leave to the operating system at exit instead of freeing them one by one. Nothing
  // that owns a file, a connection or unflushed output may be handed over.
  void free_at_exit(std::shared_ptr<const void> object) const { freed_at_exit_.push_back(std::move(object)); }
  bool has_objects_freed_at_exit() const { return !freed_at_exit_.empty(); }

 private:
  mutable std::vector<std::shared_ptr<const void>> freed_at_exit_;
  mutable std::atomic<size_t> promoted_warnings_{0};
  mutable std::mutex output_;  // warnings come from render threads too
};

// A command adds its subcommand to the app and returns what runs it.
using CommandRunner = std::function<int()>;
struct Command {
  CLI::App* app;
  CommandRunner run;
};
using CommandFactory = Command (*)(CLI::App& parent, CliContext& context);

}  // namespace strata::cli
