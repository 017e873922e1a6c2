// run_deps in-process on temp projects with local packages: outcomes, the install record,
// and the cost of an up-to-date check.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "project/package_installer.h"

namespace strata::project {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

class InstallerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/strata-deps-test-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    write(dir_ / "proj/dbt_project.yml", "name: proj\n");
    for (int i = 0; i < 20; ++i) {
      std::string name = "pkg" + std::to_string(i);
      write(dir_ / name / "dbt_project.yml", "name: " + name + "\n");
      packages_ += "  - local: ../" + name + "\n";
    }
    write(dir_ / "proj/packages.yml", "packages:\n" + packages_);
    options_.project_dir = dir_ / "proj";
    options_.project_name = "proj";
    options_.env = [](const std::string&) { return std::nullopt; };
    log_.info = [this](const std::string& line) { lines_.push_back(line); };
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  std::string packages_;
  DepsOptions options_;
  DepsLog log_;
  std::vector<std::string> lines_;
};

TEST_F(InstallerTest, InstallsThenIsUpToDate) {
  auto first = run_deps(options_, log_);
  ASSERT_TRUE(first.ok()) << render_error(first.error());
  EXPECT_EQ(first->installed.size(), 20u);
  EXPECT_TRUE(first->lock_written);
  EXPECT_TRUE(fs::is_symlink(dir_ / "proj/dbt_packages/pkg7"));

  auto start = std::chrono::steady_clock::now();
  auto second = run_deps(options_, log_);
  auto took = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->up_to_date);
  EXPECT_EQ(second->kept.size(), 20u);
  EXPECT_EQ(lines_.back(), "Up to date: 20 packages installed as in package-lock.yml");
  std::cout << "[ measure  ] up-to-date check of 20 local packages: "
            << std::chrono::duration_cast<std::chrono::microseconds>(took).count() << " us\n";
  EXPECT_LT(took, std::chrono::milliseconds(200));
}

TEST_F(InstallerTest, AMissingRecordReinstallsEverything) {
  ASSERT_TRUE(run_deps(options_, log_).ok());
  fs::remove(dir_ / "proj/dbt_packages/.strata-deps.json");
  auto again = run_deps(options_, log_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->installed.size(), 20u);
  EXPECT_FALSE(again->lock_written);  // same resolution, same lock text
}

TEST_F(InstallerTest, OnlyTheChangedPackageIsReplaced) {
  ASSERT_TRUE(run_deps(options_, log_).ok());
  write(dir_ / "other/dbt_project.yml", "name: pkg3\n");  // same name, another folder
  std::string changed = packages_;
  changed.replace(changed.find("../pkg3\n"), 8, "../other\n");
  write(dir_ / "proj/packages.yml", "packages:\n" + changed);
  auto again = run_deps(options_, log_);
  ASSERT_TRUE(again.ok()) << render_error(again.error());
  EXPECT_EQ(again->installed, std::vector<std::string>{"pkg3"});
  EXPECT_EQ(again->kept.size(), 19u);
  EXPECT_EQ(fs::read_symlink(dir_ / "proj/dbt_packages/pkg3"), fs::weakly_canonical(dir_ / "other"));
}

TEST_F(InstallerTest, RefusesAnInstallPathHoldingTheProject) {
  options_.packages_install_path = ".";
  auto refused = run_deps(options_, log_);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("would hold the project itself"), std::string::npos);
  options_.packages_install_path = "..";
  EXPECT_FALSE(run_deps(options_, log_).ok());
  EXPECT_TRUE(fs::exists(dir_ / "pkg1/dbt_project.yml"));
}

}  // namespace
}  // namespace strata::project
