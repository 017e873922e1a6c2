#include "block_file_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace mlgen {
namespace {

using strata::Error;
using strata::ErrorCode;

// A file descriptor for the temporary file, renamed into place on commit.
class PartialFile {
 public:
  explicit PartialFile(std::filesystem::path final_path)
      : final_(std::move(final_path)),
        partial_(final_.parent_path() / ("." + final_.filename().string() + ".partial")) {}
  ~PartialFile() {
    if (fd_ >= 0) {
      ::close(fd_);
      ::unlink(partial_.c_str());
    }
  }
  strata::Status open() {
    fd_ = ::open(partial_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) return io_error("cannot create");
    return {};
  }
  strata::Status write(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return io_error("cannot write");
      }
      data.remove_prefix(static_cast<size_t>(n));
    }
    return {};
  }
  strata::Status commit() {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) {
      ::unlink(partial_.c_str());
      return io_error("cannot close");
    }
    if (::rename(partial_.c_str(), final_.c_str()) != 0) {
      ::unlink(partial_.c_str());
      return io_error("cannot rename into place");
    }
    return {};
  }

 private:
  Error io_error(const char* what) const {
    return Error(ErrorCode::Io, std::string(what) + " " + partial_.string() + ": " + std::strerror(errno))
        .with_hint("check that --out names a writable folder with free space");
  }
  std::filesystem::path final_;
  std::filesystem::path partial_;
  int fd_ = -1;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

strata::Result<FileStats> write_block_file(const std::filesystem::path& dir, const std::string& name,
                                           std::string_view header, size_t block_count, unsigned threads,
                                           const BlockProducer& produce) {
  const auto started = std::chrono::steady_clock::now();
  PartialFile file(dir / name);
  STRATA_TRY(file.open());
  STRATA_TRY(file.write(header));
  FileStats stats{name, 0, header.size(), 0};

  // Workers take block numbers in order but may run at most `window` blocks ahead of the
  // writer, which bounds memory to a few blocks per thread.
  threads = std::max(1u, threads);
  const size_t window = 3 * static_cast<size_t>(threads);
  std::mutex mutex;
  std::condition_variable block_ready, slot_free;
  std::vector<std::optional<std::string>> done(block_count);
  std::vector<uint64_t> rows(block_count, 0);
  size_t next_block = 0, written = 0;
  bool stop = false;

  auto worker = [&] {
    std::string buffer;
    for (;;) {
      size_t index;
      {
        std::unique_lock lock(mutex);
        slot_free.wait(lock, [&] { return stop || next_block >= block_count || next_block < written + window; });
        if (stop || next_block >= block_count) return;
        index = next_block++;
      }
      buffer.clear();
      const uint64_t n = produce(index, buffer);
      {
        std::lock_guard lock(mutex);
        done[index] = std::move(buffer);
        rows[index] = n;
      }
      buffer = std::string();
      block_ready.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);

  strata::Status status;
  for (size_t index = 0; index < block_count; ++index) {
    std::string text;
    {
      std::unique_lock lock(mutex);
      block_ready.wait(lock, [&] { return done[index].has_value(); });
      text = std::move(*done[index]);
      done[index].reset();
      stats.rows += rows[index];
    }
    status = file.write(text);
    stats.bytes += text.size();
    {
      std::lock_guard lock(mutex);
      written = index + 1;
      if (!status.ok()) stop = true;
    }
    slot_free.notify_all();
    if (!status.ok()) break;
  }
  {
    std::lock_guard lock(mutex);
    stop = true;
  }
  slot_free.notify_all();
  for (auto& t : pool) t.join();
  if (!status.ok()) return std::move(status).error();
  STRATA_TRY(file.commit());
  stats.seconds = seconds_since(started);
  return stats;
}

strata::Result<FileStats> write_whole_file(const std::filesystem::path& dir, const std::string& name,
                                           std::string_view header, const std::string& body, uint64_t rows) {
  const auto started = std::chrono::steady_clock::now();
  PartialFile file(dir / name);
  STRATA_TRY(file.open());
  STRATA_TRY(file.write(header));
  STRATA_TRY(file.write(body));
  STRATA_TRY(file.commit());
  return FileStats{name, rows, header.size() + body.size(), seconds_since(started)};
}

}  // namespace mlgen
