#pragma once
// The file system seam: the project loader reads through this so tests can use an
// in-memory tree and so every read error carries the path.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "common/result.h"

namespace strata {

struct FileEntry {
  std::string relative_path;  // '/'-separated, relative to the listed directory
  uint64_t size = 0;
  int64_t mtime_ns = 0;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual Result<std::string> read(const std::filesystem::path& path) const = 0;
  virtual Status write(const std::filesystem::path& path, std::string_view content) const = 0;
  // Writes the pieces `produce` hands to its sink, in order, as the file's content: like
  // write(), without ever holding the whole content in memory (the real file system
  // streams it through a temporary file).
  using ContentSink = std::function<void(std::string_view)>;
  virtual Status write_streamed(const std::filesystem::path& path,
                                const std::function<void(const ContentSink&)>& produce) const {
    std::string content;
    produce([&content](std::string_view piece) { content.append(piece); });
    return write(path, content);
  }
  virtual bool exists(const std::filesystem::path& path) const = 0;
  virtual bool is_directory(const std::filesystem::path& path) const = 0;
  // Every regular file below dir (recursively), sorted by relative path. A missing dir
  // lists nothing.
  virtual Result<std::vector<FileEntry>> list_files(const std::filesystem::path& dir) const = 0;
};

class RealFileSystem final : public FileSystem {
 public:
  Result<std::string> read(const std::filesystem::path& path) const override;
  // Creates parent directories; writes to a temporary file and renames it into place.
  Status write(const std::filesystem::path& path, std::string_view content) const override;
  Status write_streamed(const std::filesystem::path& path,
                        const std::function<void(const ContentSink&)>& produce) const override;
  bool exists(const std::filesystem::path& path) const override;
  bool is_directory(const std::filesystem::path& path) const override;
  Result<std::vector<FileEntry>> list_files(const std::filesystem::path& dir) const override;
};

// For unit tests: paths are compared as given (use absolute-looking paths like "/p/x.sql").
class MemoryFileSystem final : public FileSystem {
 public:
  void add(const std::string& path, std::string content) { files_[path] = std::move(content); }
  Result<std::string> read(const std::filesystem::path& path) const override;
  Status write(const std::filesystem::path& path, std::string_view content) const override;
  bool exists(const std::filesystem::path& path) const override;
  bool is_directory(const std::filesystem::path& path) const override;
  Result<std::vector<FileEntry>> list_files(const std::filesystem::path& dir) const override;

 private:
  mutable std::map<std::string, std::string> files_;
};

}  // namespace strata
