// Command-line behaviour: help, the summary, and clear errors with exit codes 2 (usage)
// and 1 (output folder problems).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "run_generator.h"

namespace mlgen_test {
namespace {

TEST(Cli, HelpListsTheOptions) {
  const CommandResult r = run_generator("--help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* option : {"--out", "--preset", "--ratings", "--seed", "--after", "--quiet", "--after-ratings"})
    EXPECT_NE(r.output.find(option), std::string::npos) << option;
}

TEST(Cli, SummaryGoesToStderrUnlessQuiet) {
  const std::string dir = fresh_dir("summary");
  const CommandResult loud = run_command("(" + std::string(MOVIELENS_GEN_BIN) + " --ratings 5000 --out " + dir + " 2>&1 >/dev/null)");
  EXPECT_EQ(loud.exit_code, 0);
  EXPECT_NE(loud.output.find("ratings.csv"), std::string::npos) << loud.output;
  EXPECT_NE(loud.output.find("5000 rows"), std::string::npos) << loud.output;
  EXPECT_NE(loud.output.find("bytes"), std::string::npos);
  const CommandResult quiet = run_generator("--quiet --ratings 5000 --out " + dir);
  EXPECT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(quiet.output, "");
}

TEST(Cli, BadArgumentsExitWithUsageError) {
  const std::string dir = fresh_dir("bad-args");
  for (const std::string& args : std::vector<std::string>{"--preset huge --out " + dir, "--ratings 0 --out " + dir,
                                 "--preset small --ratings 100 --out " + dir, "--preset small",
                                 "--out " + dir + " --after-ratings 10", "--out " + dir + " --after yesterday",
                                 "--out " + dir + " --after 1700000000 --batch-name ../x", "--out " + dir + " --bogus",
                                 "--out " + dir + " --after 1700000000 --after-ratings 100837",
                                 "--out " + dir + " --files ratings,comments"}) {
    const CommandResult r = run_generator(args);
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.output;
    EXPECT_NE(r.output.find("error"), std::string::npos) << args << "\n" << r.output;
  }
  EXPECT_FALSE(std::filesystem::exists(dir + "/ratings.csv"));
}

TEST(Cli, UnwritableOutputExitsWithIoError) {
  const std::string dir = fresh_dir("not-a-dir");
  std::ofstream(dir) << "a file, not a folder";
  const CommandResult r = run_generator("--ratings 1000 --out " + dir + "/sub");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find(dir), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("error"), std::string::npos) << r.output;
  std::filesystem::remove(dir);
}

}  // namespace
}  // namespace mlgen_test
