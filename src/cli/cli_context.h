#pragma once
// What every command receives: the global flags and the output streams they imply.
#include <CLI/CLI.hpp>

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

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

  bool color_stdout() const;
  bool color_stderr() const;

  // Renders an error to stderr in the selected log format.
  void report(const Error& error) const;
  // A warning (rendered like an error, as "warning:") to stderr.
  void warn(const Error& warning) const;
  // An informational line to stderr (suppressed by --quiet).
  void info(const std::string& line) const;

  // Memory-only objects (a loaded project: millions of small allocations) that the process
  // may leave to the operating system at exit instead of freeing them one by one. Nothing
  // that owns a file, a connection or unflushed output may be handed over.
  void free_at_exit(std::shared_ptr<const void> object) const { freed_at_exit_.push_back(std::move(object)); }
  bool has_objects_freed_at_exit() const { return !freed_at_exit_.empty(); }

 private:
  mutable std::vector<std::shared_ptr<const void>> freed_at_exit_;
};

// A command adds its subcommand to the app and returns what runs it.
using CommandRunner = std::function<int()>;
struct Command {
  CLI::App* app;
  CommandRunner run;
};
using CommandFactory = Command (*)(CLI::App& parent, CliContext& context);

}  // namespace strata::cli
