#pragma once
// A parse-cache save left for later: writing the cache of a large project is tens of
// megabytes of kernel copying on one thread, which commands that compile or write
// manifest.json next can overlap with their own work instead of waiting for it.
#include <filesystem>
#include <thread>

#include "common/file_system.h"
#include "manifest/manifest.h"
#include "parser/parse_cache.h"

namespace strata::parser {

class PendingCacheSave {
 public:
  PendingCacheSave(const FileSystem& fs, std::filesystem::path path, ParseCacheRecord record);
  PendingCacheSave(const PendingCacheSave&) = delete;
  PendingCacheSave& operator=(const PendingCacheSave&) = delete;
  ~PendingCacheSave();  // waits for a started save

  // Starts writing on a thread of its own. `manifest` must stay where it is, and its nodes
  // unchanged in what the cache holds, until finish() returns.
  void start(const manifest::Manifest& manifest);
  // Writes now unless started, then waits; whether the cache was written. Idempotent.
  bool finish(const manifest::Manifest& manifest);

 private:
  const FileSystem& fs_;
  std::filesystem::path path_;
  ParseCacheRecord record_;
  std::thread thread_;
  bool done_ = false;
  bool written_ = false;
};

}  // namespace strata::parser
