#pragma once
// What every command receives: the global flags and the output streams they imply.
#include <CLI/CLI.hpp>

#include <functional>
#include <iosfwd>
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
};

// A command adds its subcommand to the app and returns what runs it.
using CommandRunner = std::function<int()>;
struct Command {
  CLI::App* app;
  CommandRunner run;
};
using CommandFactory = Command (*)(CLI::App& parent, CliContext& context);

}  // namespace strata::cli
