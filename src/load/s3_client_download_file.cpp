// S3Client::download_to_file: one GET, or parallel ranged GETs written at their offsets.
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <mutex>

#include "load/etag.h"
#include "load/file_io.h"
#include "load/parallel.h"
#include "load/s3_client.h"

namespace strata::load {

Result<ObjectInfo> S3Client::download_to_file(const std::string& bucket, const std::string& key,
                                              const std::string& path, const DownloadOptions& options,
                                              const ProgressCallback& progress) const {
  auto head = head_object(bucket, key);
  if (!head) return std::move(head).error();
  const uint64_t size = head->size;
  const std::string resource = "s3://" + bucket + "/" + key;

  FileDescriptor file(::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));  // RDWR: the MD5 check re-reads it
  if (file.fd < 0) return io_error("cannot create", path);
  auto fail = [&](Error error) -> Result<ObjectInfo> {
    ::unlink(path.c_str());
    return error;
  };
  if (::ftruncate(file.fd, static_cast<off_t>(size)) != 0) return fail(io_error("cannot size", path));

  std::atomic<uint64_t> done{0};
  std::mutex progress_mutex;
  auto report = [&](uint64_t bytes) {
    uint64_t now = done.fetch_add(bytes) + bytes;
    if (!progress) return;
    std::lock_guard lock(progress_mutex);
    progress(now, size);
  };

  ObjectInfo result = *head;
  if (size <= options_.download_part_size) {
    uint64_t offset = 0;
    GetOptions get;
    get.if_match = head->etag;
    get.verify_md5 = options.verify_md5;
    auto info = get_object(
        bucket, key,
        [&](std::string_view chunk) -> Status {
          STRATA_TRY(pwrite_all(file.fd, chunk, offset, path));
          offset += chunk.size();
          return {};
        },
        get);
    if (!info) return fail(std::move(info).error());
    if (offset != size)
      return fail(Error(ErrorCode::Network, resource + ": got " + std::to_string(offset) + " bytes, HEAD said " +
                                                std::to_string(size)));
    report(size);
    return result;
  }

  const uint64_t part = options_.download_part_size;
  const size_t parts = static_cast<size_t>((size + part - 1) / part);
  Status status = run_parallel(parts, options_.parallelism, [&](size_t index) -> Status {
    GetOptions get;
    get.range = ByteRange{index * part, std::min(part, size - index * part)};
    get.if_match = head->etag;
    uint64_t offset = get.range->offset;
    auto info = get_object(
        bucket, key,
        [&](std::string_view chunk) -> Status {
          STRATA_TRY(pwrite_all(file.fd, chunk, offset, path));
          offset += chunk.size();
          return {};
        },
        get);
    if (!info) return std::move(info).error();
    if (offset != get.range->offset + get.range->length)
      return Error(ErrorCode::Network, resource + ": range at " + std::to_string(get.range->offset) + " returned " +
                                           std::to_string(offset - get.range->offset) + " of " +
                                           std::to_string(get.range->length) + " bytes");
    report(get.range->length);
    return {};
  });
  if (!status) return fail(std::move(status).error());

  if (options.verify_md5 && is_md5_etag(head->etag)) {
    auto digest = md5_of_file(file.fd, size, path);
    if (!digest) return fail(std::move(digest).error());
    if (!md5_matches_etag(hex(*digest), head->etag))
      return fail(Error(ErrorCode::Network, resource + ": downloaded file has MD5 " + hex(*digest) +
                                                " but the object's ETag is " + head->etag)
                      .with_hint("the data was corrupted in transit; run the command again"));
  }
  return result;
}

}  // namespace strata::load
