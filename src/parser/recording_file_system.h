#pragma once
// A FileSystem that forwards to another and remembers every question the loader asked
// (files read with a hash of their content, directories listed with sizes and mtimes,
// existence probes). The parse cache stores this record: if every answer is still the
// same, the project's inputs on disk are unchanged. A folder is listed once per load: the
// docs, properties and resource-file phases all list the model paths, and a stat per file
// each time shows on 10,000-file projects.
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "common/file_system.h"

namespace strata::parser {

struct FileAccess {
  enum class Kind : uint8_t { Read, List, Exists, IsDirectory };
  Kind kind = Kind::Read;
  std::string path;                // as asked (absolute in the CLI)
  uint64_t content_hash = 0;       // Read: xxh64 of the content; 0 with failed = true
  bool failed = false;             // Read: the read failed
  bool answer = false;             // Exists / IsDirectory
  std::vector<FileEntry> entries;  // List
};

class RecordingFileSystem final : public FileSystem {
 public:
  explicit RecordingFileSystem(const FileSystem& inner) : inner_(inner) {}

  Result<std::string> read(const std::filesystem::path& path) const override;
  Status write(const std::filesystem::path& path, std::string_view content) const override {
    return inner_.write(path, content);
  }
  bool exists(const std::filesystem::path& path) const override;
  bool is_directory(const std::filesystem::path& path) const override;
  Result<std::vector<FileEntry>> list_files(const std::filesystem::path& dir) const override;

  std::vector<FileAccess> accesses() const;

 private:
  const FileSystem& inner_;
  mutable std::mutex mutex_;
  mutable std::vector<FileAccess> accesses_;
  mutable std::map<std::string, Result<std::vector<FileEntry>>> listed_;
};

uint64_t content_hash(std::string_view content);

}  // namespace strata::parser
