#pragma once
// Runs an external program (git) without a shell, capturing its output, with a time limit
// so an unreachable server cannot hang `strata deps`.
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/result.h"

namespace strata::project {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal or the time limit
  bool timed_out = false;
  std::string out;
  std::string err;
};

struct ProcessOptions {
  std::filesystem::path cwd;                  // empty: inherit
  std::map<std::string, std::string> env;     // added to (or replacing in) the inherited env
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};
};

// Error only when the program cannot be started; a non-zero exit is a ProcessResult.
Result<ProcessResult> run_process(const std::vector<std::string>& argv, const ProcessOptions& options);

}  // namespace strata::project
