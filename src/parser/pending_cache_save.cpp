#include "parser/pending_cache_save.h"

namespace strata::parser {

namespace {

bool write_cache(const FileSystem& fs, const std::filesystem::path& path, const ParseCacheRecord& record,
                 const manifest::Manifest& manifest) {
  return static_cast<bool>(
      fs.write_streamed(path, [&](const FileSystem::ContentSink& sink) { encode_parse_cache(record, manifest, sink); }));
}

}  // namespace

PendingCacheSave::PendingCacheSave(const FileSystem& fs, std::filesystem::path path, ParseCacheRecord record)
    : fs_(fs), path_(std::move(path)), record_(std::move(record)) {}

PendingCacheSave::~PendingCacheSave() {
  if (thread_.joinable()) thread_.join();
}

void PendingCacheSave::start(const manifest::Manifest& manifest) {
  if (done_ || thread_.joinable()) return;
  thread_ = std::thread([this, &manifest] { written_ = write_cache(fs_, path_, record_, manifest); });
}

bool PendingCacheSave::finish(const manifest::Manifest& manifest) {
  if (!done_) {
    if (thread_.joinable())
      thread_.join();
    else
      written_ = write_cache(fs_, path_, record_, manifest);
    done_ = true;
  }
  return written_;
}

}  // namespace strata::parser
