#include "run_generator.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <vector>

namespace mlgen_test {
namespace {

// Removes the folders made by fresh_dir() when the test program ends.
class TempDirs : public testing::Environment {
 public:
  static std::vector<std::string>& made() {
    static std::vector<std::string> dirs;
    return dirs;
  }
  void TearDown() override {
    for (const auto& dir : made()) {
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
    }
  }
};
[[maybe_unused]] testing::Environment* const temp_dirs = testing::AddGlobalTestEnvironment(new TempDirs);

}  // namespace

CommandResult run_command(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) result.output.append(buf, n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

CommandResult run_generator(const std::string& args) {
  return run_command(std::string(MOVIELENS_GEN_BIN) + " " + args);
}

CommandResult run_strata_sql(const std::string& query) {
  return run_command(std::string(STRATA_BIN) + " sql \"" + query + "\"");
}

std::string fresh_dir(const std::string& tag) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("mlgen-test-" + std::to_string(::getpid()) + "-" + tag);
  std::filesystem::remove_all(dir);
  TempDirs::made().push_back(dir.string());
  return dir.string();
}

CsvTable load_csv(const std::string& dir, const std::string& name) {
  CsvTable table;
  std::string error;
  const std::string text = read_file(dir + "/" + name);
  if (!parse_strict_csv(text, table, error)) ADD_FAILURE() << name << ": " << error;
  return table;
}

}  // namespace mlgen_test
