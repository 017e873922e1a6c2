#include "common/file_system.h"

#include <cstdio>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata {

namespace fs = std::filesystem;

// Plain POSIX calls: open, fstat, read, close (an ifstream adds seeks and a buffer
// allocation per file, which shows when a project has 10,000 files).
Result<std::string> RealFileSystem::read(const fs::path& path) const {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error(ErrorCode::Io, "cannot read " + path.string() + ": " + std::strerror(errno));
  struct stat st {};
  std::string content;
  // A regular file is read up to the size fstat gave; anything else (/proc) to its end.
  const bool sized = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
  if (sized) content.resize(static_cast<size_t>(st.st_size));
  size_t filled = 0;
  char probe[4096];  // reads of files without a size (/proc) or empty ones
  while (!sized || filled < content.size()) {
    bool into_content = filled < content.size();
    ssize_t n = into_content ? ::read(fd, content.data() + filled, content.size() - filled) : ::read(fd, probe, sizeof probe);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int saved = errno;
      ::close(fd);
      return Error(ErrorCode::Io, "error reading " + path.string() + ": " + std::strerror(saved));
    }
    if (n == 0) break;
    if (!into_content) content.append(probe, static_cast<size_t>(n));
    filled += static_cast<size_t>(n);
  }
  ::close(fd);
  content.resize(filled);
  return content;
}

Status RealFileSystem::write(const fs::path& path, std::string_view content) const {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  if (ec) return Error(ErrorCode::Io, "cannot create directory " + path.parent_path().string() + ": " + ec.message());
  fs::path tmp = path;
  tmp += ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Error(ErrorCode::Io, "cannot write " + tmp.string() + ": " + std::strerror(errno));
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) return Error(ErrorCode::Io, "error writing " + tmp.string());
  }
  fs::rename(tmp, path, ec);
  if (ec) return Error(ErrorCode::Io, "cannot move " + tmp.string() + " to " + path.string() + ": " + ec.message());
  return {};
}

Status RealFileSystem::write_streamed(const fs::path& path, const std::function<void(const ContentSink&)>& produce) const {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  if (ec) return Error(ErrorCode::Io, "cannot create directory " + path.parent_path().string() + ": " + ec.message());
  fs::path tmp = path;
  tmp += ".tmp" + std::to_string(::getpid());
  std::FILE* file = std::fopen(tmp.c_str(), "wb");
  if (!file) return Error(ErrorCode::Io, "cannot write " + tmp.string() + ": " + std::strerror(errno));
  bool failed = false;
  int saved_errno = 0;
  produce([&](std::string_view piece) {
    if (!failed && !piece.empty() && std::fwrite(piece.data(), 1, piece.size(), file) != piece.size())
      failed = true, saved_errno = errno;
  });
  if (std::fclose(file) != 0 && !failed) failed = true, saved_errno = errno;
  if (failed) {
    fs::remove(tmp, ec);
    return Error(ErrorCode::Io, "cannot write " + tmp.string() + ": " + std::strerror(saved_errno))
        .with_hint("check free disk space and permissions of " + path.parent_path().string());
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Error(ErrorCode::Io, "cannot move " + tmp.string() + " to " + path.string() + ": " + ec.message());
  }
  return {};
}

bool RealFileSystem::exists(const fs::path& path) const {
  std::error_code ec;
  return fs::exists(path, ec);
}

bool RealFileSystem::is_directory(const fs::path& path) const {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

Result<std::vector<FileEntry>> RealFileSystem::list_files(const fs::path& dir) const {
  std::vector<FileEntry> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  fs::recursive_directory_iterator it(dir, fs::directory_options::follow_directory_symlink, ec), end;
  if (ec) return Error(ErrorCode::Io, "cannot list " + dir.string() + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return Error(ErrorCode::Io, "cannot list " + dir.string() + ": " + ec.message());
    // One stat per entry (follows symlinks, as follow_directory_symlink does for folders).
    struct stat st {};
    if (::stat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    FileEntry entry;
    entry.relative_path = it->path().lexically_relative(dir).generic_string();  // no syscalls
    entry.size = static_cast<uint64_t>(st.st_size);
    entry.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    out.push_back(std::move(entry));
  }
  std::sort(out.begin(), out.end(), [](const FileEntry& a, const FileEntry& b) { return a.relative_path < b.relative_path; });
  return out;
}

Result<std::string> MemoryFileSystem::read(const fs::path& path) const {
  auto it = files_.find(path.generic_string());
  if (it == files_.end()) return Error(ErrorCode::Io, "cannot read " + path.string() + ": No such file or directory");
  return it->second;
}

Status MemoryFileSystem::write(const fs::path& path, std::string_view content) const {
  files_[path.generic_string()] = std::string(content);
  return {};
}

bool MemoryFileSystem::exists(const fs::path& path) const {
  return files_.count(path.generic_string()) > 0 || is_directory(path);
}

bool MemoryFileSystem::is_directory(const fs::path& path) const {
  std::string prefix = path.generic_string();
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

Result<std::vector<FileEntry>> MemoryFileSystem::list_files(const fs::path& dir) const {
  std::string prefix = dir.generic_string();
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  std::vector<FileEntry> out;
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
    out.push_back({it->first.substr(prefix.size()), it->second.size(), 0});
  return out;
}

}  // namespace strata
