#pragma once
// Writes one CSV file whose body is produced in independent blocks by worker threads and
// written in block order by the calling thread, so the output is identical whatever the
// thread count. The file appears under its final name only when complete (written as
// ".NAME.partial" and renamed), so a loader watching the folder never sees half a file.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace mlgen {

struct FileStats {
  std::string name;
  uint64_t rows = 0;
  uint64_t bytes = 0;
  double seconds = 0;
};

// Fills `out` (empty on entry) with the text of block `index`; returns its row count.
using BlockProducer = std::function<uint64_t(size_t index, std::string& out)>;

strata::Result<FileStats> write_block_file(const std::filesystem::path& dir, const std::string& name,
                                           std::string_view header, size_t block_count,
                                           unsigned threads, const BlockProducer& produce);

// A file generated in one piece (small files: movies, links, genome tags, batches).
strata::Result<FileStats> write_whole_file(const std::filesystem::path& dir, const std::string& name,
                                           std::string_view header, const std::string& body, uint64_t rows);

}  // namespace mlgen
