#pragma once
// Writes a whole dataset (or an incremental batch) into a folder.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "block_file_writer.h"
#include "common/result.h"
#include "scale.h"

namespace mlgen {

inline constexpr uint64_t kDefaultSeed = 20150401;  // fixed, so runs repeat by default

// Which files to write; a subset has the same bytes as in the full dataset.
struct FileSelection {
  bool ratings = true;
  bool movies = true;
  bool tags = true;
  bool links = true;
  bool genome = true;  // genome-scores.csv and genome-tags.csv (if the scale has a genome)
};

struct DatasetOptions {
  Scale scale;
  FileSelection files;
  uint64_t seed = kDefaultSeed;
  std::filesystem::path out;
  unsigned threads = 2;
};

struct BatchOptions {
  int64_t after = 0;
  uint64_t ratings = 0;       // 0 = 1% of the base's ratings (at least 1)
  int64_t span = 7 * 86400;
  std::string name;           // file suffix; empty = "after_<after>"
  uint32_t first_new_user = 0; // the batch's new users' first id; 0 = after the base's last
};

// ratings.csv, movies.csv, tags.csv, links.csv and, unless the scale has no genome,
// genome-scores.csv and genome-tags.csv.
strata::Result<std::vector<FileStats>> write_dataset(const DatasetOptions& options);

// ratings_<name>.csv and tags_<name>.csv.
strata::Result<std::vector<FileStats>> write_batch(const DatasetOptions& options, const BatchOptions& batch);

// Creates the folder if needed and checks it is writable.
strata::Status prepare_output_dir(const std::filesystem::path& dir);

}  // namespace mlgen
