#pragma once
// `strata load` without the CLI: for every spec, list its files, compare them with the load
// history, and load the new ones (in parallel, one warehouse connection per worker), or
// create a view over them (mode: in_place). --full-refresh builds each table anew beside
// the old one and swaps it in with its history in one transaction.
#include <functional>
#include <string>
#include <vector>

#include "adapter/adapter.h"
#include "load/file_loader.h"
#include "load/load_spec.h"
#include "load/source_files.h"

namespace strata::load {

class S3Client;

enum class FileEventKind { Loaded, AlreadyLoaded, Changed, Skipped, Failed, ViewCreated };

struct FileEvent {
  FileEventKind kind = FileEventKind::Loaded;
  const LoadSpec* spec = nullptr;
  std::string uri;  // the file (or the location, for ViewCreated)
  int64_t rows = 0;
  int64_t rejected = 0;
  uint64_t bytes = 0;
  double seconds = 0;
  Error error;  // Skipped / Failed / Changed: why
};

struct LoadRequest {
  std::vector<LoadSpec> specs;
  bool full_refresh = false;
  int threads = 1;
  const S3Client* s3 = nullptr;  // needed only for s3:// locations
  std::string temp_dir;          // where S3 objects are downloaded (created if missing)
  std::function<void(const FileEvent&)> on_event;  // called from workers, one at a time
};

struct LoadSummary {
  int loaded = 0, already_loaded = 0, changed = 0, skipped = 0, failed = 0, views = 0;
  int64_t rows = 0, rejected = 0;
  uint64_t bytes = 0;
  bool ok() const { return failed == 0; }
};

// Errors returned here (listing, DDL) happen before any table changed; per-file failures
// are events, counted in the summary.
Result<LoadSummary> run_load(adapter::Adapter& adapter, const LoadRequest& request);

}  // namespace strata::load
