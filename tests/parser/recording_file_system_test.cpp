// The loader's recording file system lists a folder once per load (the docs, properties
// and resource-file phases all list the model paths) and records that one listing.
#include <gtest/gtest.h>

#include "parser/recording_file_system.h"

namespace strata::parser {
namespace {

class CountingLister final : public FileSystem {
 public:
  Result<std::string> read(const std::filesystem::path& path) const override { return files.read(path); }
  Status write(const std::filesystem::path& path, std::string_view content) const override { return files.write(path, content); }
  bool exists(const std::filesystem::path& path) const override { return files.exists(path); }
  bool is_directory(const std::filesystem::path& path) const override { return files.is_directory(path); }
  Result<std::vector<FileEntry>> list_files(const std::filesystem::path& dir) const override {
    ++lists;
    return files.list_files(dir);
  }
  MemoryFileSystem files;
  mutable int lists = 0;
};

TEST(RecordingFileSystem, ListsAFolderOnceAndRecordsItOnce) {
  CountingLister inner;
  inner.files.add("/p/models/a.sql", "select 1");
  inner.files.add("/p/models/s.yml", "version: 2");
  RecordingFileSystem fs(inner);
  auto first = fs.list_files("/p/models");
  auto second = fs.list_files("/p/models");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(inner.lists, 1);
  ASSERT_EQ(second->size(), 2u);
  EXPECT_EQ((*second)[0].relative_path, "a.sql");
  EXPECT_EQ((*second)[1].relative_path, "s.yml");
  ASSERT_TRUE(fs.list_files("/p/macros").ok());
  EXPECT_EQ(inner.lists, 2);
  auto accesses = fs.accesses();
  ASSERT_EQ(accesses.size(), 2u);
  EXPECT_EQ(accesses[0].path, "/p/models");
  EXPECT_EQ(accesses[0].entries.size(), 2u);
  EXPECT_EQ(accesses[1].path, "/p/macros");
  EXPECT_TRUE(accesses[1].entries.empty());
}

}  // namespace
}  // namespace strata::parser
