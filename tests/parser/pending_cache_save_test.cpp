// A parse-cache save left for later writes the same bytes as one done at once, whether
// it ran on its own thread or was finished without being started, and only once.
#include <gtest/gtest.h>

#include <atomic>

#include "parser/pending_cache_save.h"

namespace strata::parser {
namespace {

// Counts writes, so a second finish() that wrote again would show.
class CountingFileSystem final : public FileSystem {
 public:
  Result<std::string> read(const std::filesystem::path& path) const override { return files.read(path); }
  Status write(const std::filesystem::path& path, std::string_view content) const override {
    ++writes;
    return files.write(path, content);
  }
  bool exists(const std::filesystem::path& path) const override { return files.exists(path); }
  bool is_directory(const std::filesystem::path& path) const override { return files.is_directory(path); }
  Result<std::vector<FileEntry>> list_files(const std::filesystem::path& dir) const override { return files.list_files(dir); }
  MemoryFileSystem files;
  mutable std::atomic<int> writes{0};
};

manifest::Manifest sample_manifest(size_t count) {
  manifest::Manifest m;
  m.project_name = "p";
  for (size_t i = 0; i < count; ++i) {
    manifest::Node n;
    n.type = manifest::ResourceType::Model;
    n.package_name = "p";
    n.name = "m" + std::to_string(i);
    n.unique_id = "model.p." + n.name;
    n.raw_code = "select " + std::to_string(i) + " as x";
    n.fqn = {"p", n.name};
    n.config = manifest::Json{{"materialized", i % 2 ? "table" : "view"}};
    m.add(std::move(n));
  }
  return m;
}

ParseCacheRecord sample_record(size_t count) {
  ParseCacheRecord r;
  r.started_at_ns = 1'795'000'000'000'000'000;
  r.macro_descriptions["macro.p.x"] = "does x";
  for (size_t i = 0; i < count; ++i) {
    r.template_names.push_back("models/m" + std::to_string(i) + ".sql");
    r.render_inputs.push_back({});
  }
  return r;
}

std::string encoded_at_once(const manifest::Manifest& m, const ParseCacheRecord& r) {
  std::string out;
  encode_parse_cache(r, m, [&out](std::string_view piece) { out.append(piece); });
  return out;
}

TEST(PendingCacheSave, StartedOnItsThreadWritesWhatAnImmediateSaveWrites) {
  const size_t count = 3000;  // several megabyte-sized pieces
  manifest::Manifest m = sample_manifest(count);
  CountingFileSystem fs;
  PendingCacheSave save(fs, "/t/cache.bin", sample_record(count));
  save.start(m);
  EXPECT_TRUE(save.finish(m));
  EXPECT_TRUE(save.finish(m));
  EXPECT_EQ(fs.writes.load(), 1);
  auto written = fs.files.read("/t/cache.bin");
  ASSERT_TRUE(written.ok());
  EXPECT_EQ(*written, encoded_at_once(m, sample_record(count)));
  EXPECT_GT(written->size(), 100'000u);
}

TEST(PendingCacheSave, FinishWithoutStartWritesOnTheCallersThread) {
  manifest::Manifest m = sample_manifest(10);
  CountingFileSystem fs;
  PendingCacheSave save(fs, "/t/cache.bin", sample_record(10));
  EXPECT_EQ(fs.writes.load(), 0);
  EXPECT_TRUE(save.finish(m));
  EXPECT_EQ(fs.writes.load(), 1);
  save.start(m);  // after finish: nothing more
  EXPECT_TRUE(save.finish(m));
  EXPECT_EQ(fs.writes.load(), 1);
  EXPECT_EQ(*fs.files.read("/t/cache.bin"), encoded_at_once(m, sample_record(10)));
}

TEST(PendingCacheSave, DestroyedWhileWritingWaitsForTheWrite) {
  manifest::Manifest m = sample_manifest(2000);
  CountingFileSystem fs;
  {
    PendingCacheSave save(fs, "/t/cache.bin", sample_record(2000));
    save.start(m);
  }
  EXPECT_EQ(fs.writes.load(), 1);
  EXPECT_EQ(*fs.files.read("/t/cache.bin"), encoded_at_once(m, sample_record(2000)));
}

}  // namespace
}  // namespace strata::parser
