// package-lock.yml writing and reading, and the process runner git goes through.
#include <gtest/gtest.h>

#include "project/package_lock.h"
#include "project/package_process.h"

namespace strata::project {
namespace {

PackageEntry entry(PackageSource source, std::string location, std::string name, std::string revision = "") {
  PackageEntry e;
  e.source = source;
  e.location = location;
  e.location_unrendered = location;
  e.name = std::move(name);
  e.revision = std::move(revision);
  return e;
}

TEST(PackageLock, WritesDbtsLayoutWithSortedKeys) {
  auto git = entry(PackageSource::Git, "https://h/r.git", "utils", "0123456789abcdef0123456789abcdef01234567");
  git.subdirectory = "pkg";
  std::string text = render_package_lock({entry(PackageSource::Local, "../a", "a"), git}, "abc123");
  EXPECT_EQ(text,
            "packages:\n"
            "  - local: ../a\n"
            "    name: a\n"
            "  - git: https://h/r.git\n"
            "    name: utils\n"
            "    revision: 0123456789abcdef0123456789abcdef01234567\n"
            "    subdirectory: pkg\n"
            "sha1_hash: abc123\n");
}

TEST(PackageLock, QuotesWhatYamlWouldRetype) {
  auto weird = entry(PackageSource::Git, "{{ env_var('U') }}", "yes", "1234567");
  std::string text = render_package_lock({weird}, "h");
  EXPECT_NE(text.find("git: '{{ env_var(''U'') }}'"), std::string::npos) << text;
  EXPECT_NE(text.find("name: 'yes'"), std::string::npos) << text;
  EXPECT_NE(text.find("revision: '1234567'"), std::string::npos) << text;
}

TEST(PackageLock, RoundTrips) {
  auto git = entry(PackageSource::Git, "file:///tmp/r.git", "g", "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef");
  std::string text = render_package_lock({entry(PackageSource::Local, "/abs/p", "p"), git}, "0f0f");
  MemoryFileSystem files;
  files.add("/proj/package-lock.yml", text);
  auto lock = read_package_lock(files, "/proj");
  ASSERT_TRUE(lock.ok()) << render_error(lock.error());
  ASSERT_TRUE(lock->has_value());
  EXPECT_EQ((*lock)->sha1_hash, "0f0f");
  auto read = package_lock_entries(**lock, [](const std::string&) { return std::nullopt; });
  ASSERT_TRUE(read.ok()) << render_error(read.error());
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[0].location, "/abs/p");
  EXPECT_EQ((*read)[0].name, "p");
  EXPECT_EQ((*read)[1].revision, "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef");
  EXPECT_EQ((*read)[1].name, "g");
}

TEST(PackageLock, MissingLockIsNullopt) {
  MemoryFileSystem files;
  auto lock = read_package_lock(files, "/proj");
  ASSERT_TRUE(lock.ok());
  EXPECT_FALSE(lock->has_value());
}

TEST(Process, CapturesOutputAndExitCode) {
  auto run = run_process({"sh", "-c", "echo out; echo err >&2; exit 3"}, {});
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->exit_code, 3);
  EXPECT_EQ(run->out, "out\n");
  EXPECT_EQ(run->err, "err\n");
}

TEST(Process, PassesEnvironmentAndDirectory) {
  ProcessOptions options;
  options.cwd = "/";
  options.env["STRATA_TEST_VALUE"] = "42";
  auto run = run_process({"sh", "-c", "echo $STRATA_TEST_VALUE $(pwd)"}, options);
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->out, "42 /\n");
}

TEST(Process, TimeLimitKillsTheProcessGroup) {
  ProcessOptions options;
  options.timeout = std::chrono::milliseconds(200);
  auto start = std::chrono::steady_clock::now();
  auto run = run_process({"sh", "-c", "sleep 30 & sleep 30"}, options);
  auto took = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(run.ok());
  EXPECT_TRUE(run->timed_out);
  EXPECT_LT(took, std::chrono::seconds(5));
}

TEST(Process, MissingProgramIsAnError) {
  auto run = run_process({"strata-no-such-program-xyz"}, {});
  ASSERT_FALSE(run.ok());
  EXPECT_NE(run.error().message.find("cannot run strata-no-such-program-xyz"), std::string::npos);
}

}  // namespace
}  // namespace strata::project
