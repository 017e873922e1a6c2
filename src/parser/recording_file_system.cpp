#include "parser/recording_file_system.h"

#include <xxhash.h>

namespace strata::parser {

uint64_t content_hash(std::string_view content) { return XXH3_64bits(content.data(), content.size()); }

Result<std::string> RecordingFileSystem::read(const std::filesystem::path& path) const {
  auto content = inner_.read(path);
  FileAccess access;
  access.kind = FileAccess::Kind::Read;
  access.path = path.string();
  if (content)
    access.content_hash = content_hash(*content);
  else
    access.failed = true;
  std::lock_guard lock(mutex_);
  accesses_.push_back(std::move(access));
  return content;
}

bool RecordingFileSystem::exists(const std::filesystem::path& path) const {
  bool answer = inner_.exists(path);
  std::lock_guard lock(mutex_);
  accesses_.push_back({FileAccess::Kind::Exists, path.string(), 0, false, answer, {}});
  return answer;
}

bool RecordingFileSystem::is_directory(const std::filesystem::path& path) const {
  bool answer = inner_.is_directory(path);
  std::lock_guard lock(mutex_);
  accesses_.push_back({FileAccess::Kind::IsDirectory, path.string(), 0, false, answer, {}});
  return answer;
}

Result<std::vector<FileEntry>> RecordingFileSystem::list_files(const std::filesystem::path& dir) const {
  {
    std::lock_guard lock(mutex_);
    if (auto known = listed_.find(dir.string()); known != listed_.end()) return known->second;
  }
  auto listed = inner_.list_files(dir);
  FileAccess access;
  access.kind = FileAccess::Kind::List;
  access.path = dir.string();
  if (listed)
    access.entries = *listed;
  else
    access.failed = true;
  std::lock_guard lock(mutex_);
  listed_.emplace(access.path, listed);
  accesses_.push_back(std::move(access));
  return listed;
}

std::vector<FileAccess> RecordingFileSystem::accesses() const {
  std::lock_guard lock(mutex_);
  return accesses_;
}

}  // namespace strata::parser
