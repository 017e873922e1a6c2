// S3Client::get_object_parallel: concurrent ranged GETs delivered in order through a bounded
// window, so a consumer (a CSV parser, a pipe into DuckDB) reads a large object at several
// connections' speed without the object ever being held whole in memory.
#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "load/digest.h"
#include "load/etag.h"
#include "load/s3_client.h"

namespace strata::load {

namespace {

// The shared state of one parallel read: which part is claimed next, which parts are ready,
// how far the consumer has got, and the first error.
struct Window {
  std::mutex mutex;
  std::condition_variable changed;
  size_t next_claim = 0;
  size_t delivered = 0;
  std::map<size_t, std::string> ready;
  std::optional<Error> error;
  bool stop = false;

  void fail(Error e) {
    std::lock_guard lock(mutex);
    if (!error) error = std::move(e);
    stop = true;
    changed.notify_all();
  }
};

}  // namespace

Result<ObjectInfo> S3Client::get_object_parallel(const std::string& bucket, const std::string& key,
                                                 const BodySink& sink, const ProgressCallback& progress) const {
  auto head = head_object(bucket, key);
  if (!head) return std::move(head).error();
  const uint64_t size = head->size;
  const uint64_t part = options_.download_part_size;
  if (size <= part || options_.parallelism <= 1) {
    GetOptions options;
    options.if_match = head->etag;
    auto info = get_object(bucket, key, sink, options);
    if (info && progress) progress(size, size);
    return info;
  }

  const size_t parts = static_cast<size_t>((size + part - 1) / part);
  const size_t window_size = static_cast<size_t>(options_.parallelism) * 2;
  Window window;

  auto worker = [&] {
    for (;;) {
      size_t index;
      {
        std::unique_lock lock(window.mutex);
        window.changed.wait(lock, [&] {
          return window.stop || window.next_claim >= parts || window.next_claim < window.delivered + window_size;
        });
        if (window.stop || window.next_claim >= parts) return;
        index = window.next_claim++;
      }
      GetOptions options;
      options.range = ByteRange{index * part, std::min(part, size - index * part)};
      options.if_match = head->etag;
      std::string data;
      data.reserve(static_cast<size_t>(options.range->length));
      auto info = get_object(
          bucket, key,
          [&](std::string_view chunk) -> Status {
            if (data.size() + chunk.size() > options.range->length)
              return Error(ErrorCode::Network, "s3://" + bucket + "/" + key + ": the server sent more than the range");
            data.append(chunk);
            return {};
          },
          options);
      if (!info) return window.fail(std::move(info).error());
      if (data.size() != options.range->length)
        return window.fail(Error(ErrorCode::Network, "s3://" + bucket + "/" + key + ": range at " +
                                                         std::to_string(options.range->offset) + " returned " +
                                                         std::to_string(data.size()) + " of " +
                                                         std::to_string(options.range->length) + " bytes"));
      std::lock_guard lock(window.mutex);
      window.ready.emplace(index, std::move(data));
      window.changed.notify_all();
    }
  };

  // Threads are a boundary: an exception (e.g. bad_alloc) becomes the read's error.
  auto guarded_worker = [&] {
    try {
      worker();
    } catch (const std::exception& e) {
      window.fail(Error(ErrorCode::Internal, std::string("parallel S3 read failed: ") + e.what()));
    }
  };
  std::vector<std::thread> workers;
  for (size_t i = 0; i < std::min<size_t>(parts, static_cast<size_t>(options_.parallelism)); ++i)
    workers.emplace_back(guarded_worker);

  const bool check_md5 = is_md5_etag(head->etag);
  Md5Stream md5;
  uint64_t done = 0;
  for (size_t index = 0; index < parts; ++index) {
    std::string data;
    {
      std::unique_lock lock(window.mutex);
      window.changed.wait(lock, [&] { return window.stop || window.ready.count(index) > 0; });
      if (window.ready.count(index) == 0) break;  // stopped by an error
      data = std::move(window.ready[index]);
      window.ready.erase(index);
    }
    if (check_md5) md5.update(data);
    if (Status accepted = sink(data); !accepted) {
      window.fail(std::move(accepted).error());
      break;
    }
    done += data.size();
    if (progress) progress(done, size);
    std::lock_guard lock(window.mutex);
    window.delivered = index + 1;
    window.changed.notify_all();
  }
  {
    std::lock_guard lock(window.mutex);
    window.stop = true;  // let idle workers exit
    window.changed.notify_all();
  }
  for (auto& thread : workers) thread.join();
  if (window.error) return std::move(*window.error);

  if (check_md5) {
    std::string actual = hex(md5.finish());
    if (!md5_matches_etag(actual, head->etag))
      return Error(ErrorCode::Network, "s3://" + bucket + "/" + key + ": downloaded bytes have MD5 " + actual +
                                           " but the object's ETag is " + head->etag)
          .with_hint("the data was corrupted in transit; run the command again");
  }
  return *head;
}

}  // namespace strata::load
