#pragma once
// Runs the built movielens-gen (and strata) binaries for the output tests, and loads the
// files they write.
#include <map>
#include <string>

#include "strict_csv.h"

namespace mlgen_test {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

CommandResult run_command(const std::string& command);
// movielens-gen with `args` (the binary path is prepended).
CommandResult run_generator(const std::string& args);
// `strata sql "<query>"`.
CommandResult run_strata_sql(const std::string& query);

// A fresh, empty temporary folder named after `tag` (removed first if it exists).
std::string fresh_dir(const std::string& tag);

// Parses DIR/NAME strictly; fails the current test (ADD_FAILURE) on a format error.
CsvTable load_csv(const std::string& dir, const std::string& name);

}  // namespace mlgen_test
