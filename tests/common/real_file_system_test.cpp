// RealFileSystem against the real disk: reads whole files whatever their size (including
// files that report no size), lists with sizes and st_mtim stamps, writes atomically.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "common/file_system.h"

namespace strata {
namespace {

namespace fs = std::filesystem;

class RealFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/strata-fs-test.XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }
  void put(const std::string& relative, const std::string& content) {
    fs::create_directories((dir_ / relative).parent_path());
    std::ofstream(dir_ / relative, std::ios::binary) << content;
  }
  fs::path dir_;
  RealFileSystem files_;
};

TEST_F(RealFileSystemTest, ReadsWholeFilesOfEverySize) {
  for (size_t size : {size_t{0}, size_t{1}, size_t{4095}, size_t{4096}, size_t{4097}, size_t{1} << 20}) {
    std::string content(size, 'x');
    for (size_t i = 0; i < size; ++i) content[i] = static_cast<char>('a' + i % 26);
    put("f.txt", content);
    auto read = files_.read(dir_ / "f.txt");
    ASSERT_TRUE(read.ok()) << size;
    EXPECT_EQ(*read, content) << size;
    EXPECT_LE(read->capacity(), std::max<size_t>(size, 15) + 4096) << "holds no spare copy of the content";
  }
}

TEST_F(RealFileSystemTest, ReadsFilesThatReportNoSize) {
  auto read = files_.read("/proc/self/status");
  ASSERT_TRUE(read.ok());
  EXPECT_NE(read->find("Name:"), std::string::npos);
  EXPECT_GT(read->size(), 100u);
}

TEST_F(RealFileSystemTest, ReadErrorsNameThePath) {
  auto missing = files_.read(dir_ / "missing.sql");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("cannot read " + (dir_ / "missing.sql").string()), std::string::npos);
  auto directory = files_.read(dir_);
  ASSERT_FALSE(directory.ok());
  EXPECT_NE(directory.error().message.find(dir_.string()), std::string::npos);
}

TEST_F(RealFileSystemTest, ListsRegularFilesWithSizeAndModificationTime) {
  put("models/b.sql", "select 2");
  put("models/a/x.sql", "select 1 as x");
  fs::create_directories(dir_ / "models/empty");
  ::symlink((dir_ / "models/b.sql").c_str(), (dir_ / "models/link.sql").c_str());
  auto listed = files_.list_files(dir_ / "models");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ((*listed)[0].relative_path, "a/x.sql");
  EXPECT_EQ((*listed)[0].size, 13u);
  EXPECT_EQ((*listed)[1].relative_path, "b.sql");
  EXPECT_EQ((*listed)[2].relative_path, "link.sql");  // symlinks to files count, sized as their target
  EXPECT_EQ((*listed)[2].size, 8u);
  struct stat st {};
  ASSERT_EQ(::stat((dir_ / "models/a/x.sql").c_str(), &st), 0);
  EXPECT_EQ((*listed)[0].mtime_ns, int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec);
  EXPECT_TRUE(files_.list_files(dir_ / "nothing-here")->empty());
}

TEST_F(RealFileSystemTest, WritesThroughATemporaryFile) {
  ASSERT_TRUE(files_.write(dir_ / "out/deep/file.txt", "hello").ok());
  EXPECT_EQ(*files_.read(dir_ / "out/deep/file.txt"), "hello");
  ASSERT_TRUE(files_.write_streamed(dir_ / "out/s.txt", [](const FileSystem::ContentSink& sink) {
    sink("a");
    sink("bc");
  }).ok());
  EXPECT_EQ(*files_.read(dir_ / "out/s.txt"), "abc");
  size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir_ / "out")) entries += e.is_regular_file();
  EXPECT_EQ(entries, 1u) << "no temporary file left behind";
}

}  // namespace
}  // namespace strata
