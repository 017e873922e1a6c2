#include "cli/output_reuse.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "common/file_system.h"
#include "common/parallel.h"
#include "parser/binary_io.h"

namespace strata::cli {

namespace fs = std::filesystem;
using parser::BinaryReader;
using parser::BinaryWriter;

namespace {

constexpr std::string_view kMagic = "strata-outputs";
constexpr uint64_t kFormatVersion = 1;
constexpr size_t kMetadataHead = 4096;  // manifest.json's metadata comes first

FileStamp stamp_from(const struct stat& st) {
  return {static_cast<uint64_t>(st.st_size), static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

void put(BinaryWriter& w, const FileStamp& s) {
  w.u64(s.size);
  w.u64(static_cast<uint64_t>(s.mtime_ns));
}
FileStamp get_stamp(BinaryReader& r) {
  FileStamp s;
  s.size = r.u64();
  s.mtime_ns = static_cast<int64_t>(r.u64());
  return s;
}

// Where the value of "key":"..." starts in the manifest's head, and its length.
std::optional<std::pair<uint64_t, uint64_t>> string_value_at(const std::string& head, const std::string& key) {
  std::string needle = "\"" + key + "\":\"";
  size_t at = head.find(needle);
  if (at == std::string::npos) return std::nullopt;
  size_t start = at + needle.size();
  size_t end = head.find('"', start);
  if (end == std::string::npos) return std::nullopt;
  return std::make_pair(static_cast<uint64_t>(start), static_cast<uint64_t>(end - start));
}

std::string read_head(const fs::path& path) {
  std::string head(kMetadataHead, '\0');
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  ssize_t n = ::pread(fd, head.data(), head.size(), 0);
  ::close(fd);
  head.resize(n > 0 ? static_cast<size_t>(n) : 0);
  return head;
}

bool pwrite_all(int fd, std::string_view text, uint64_t offset) {
  return ::pwrite(fd, text.data(), text.size(), static_cast<off_t>(offset)) == static_cast<ssize_t>(text.size());
}

}  // namespace

std::optional<FileStamp> stamp_of(const fs::path& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return stamp_from(st);
}

std::optional<OutputsRecord> read_outputs_record(const fs::path& target_dir) {
  RealFileSystem files;
  auto bytes = files.read(target_dir / kOutputsRecordFile);
  if (!bytes) return std::nullopt;
  BinaryReader r(*bytes);
  if (r.view() != kMagic || r.u64() != kFormatVersion) return std::nullopt;
  OutputsRecord record;
  record.command = r.str();
  record.inputs = r.str();
  record.parse_cache = get_stamp(r);
  record.manifest = get_stamp(r);
  record.generated_at_offset = r.u64();
  record.invocation_id_offset = r.u64();
  record.node_count = r.u64();
  record.macro_count = r.u64();
  record.compile_failures = r.u64();
  size_t env_count = r.count();
  for (size_t i = 0; i < env_count && r.ok(); ++i) {
    std::string name = r.str();
    bool set = r.boolean();
    record.env_vars.emplace_back(std::move(name), set ? std::optional<std::string>(r.str()) : std::nullopt);
  }
  size_t file_count = r.count();
  record.files.reserve(file_count);
  for (size_t i = 0; i < file_count && r.ok(); ++i) {
    std::string path = r.str();
    record.files.emplace_back(std::move(path), get_stamp(r));
  }
  if (!r.ok() || !r.at_end()) return std::nullopt;
  return record;
}

void forget_outputs_record(const fs::path& target_dir) {
  std::error_code ec;
  fs::remove(target_dir / kOutputsRecordFile, ec);
}

void save_outputs_record(const fs::path& target_dir, OutputsRecord record) {
  fs::path manifest_path = target_dir / "manifest.json";
  auto manifest = stamp_of(manifest_path);
  std::string head = read_head(manifest_path);
  auto generated_at = string_value_at(head, "generated_at");
  auto invocation_id = string_value_at(head, "invocation_id");
  if (!manifest || !generated_at || !invocation_id) {
    forget_outputs_record(target_dir);
    return;
  }
  record.manifest = *manifest;
  record.generated_at_offset = generated_at->first;
  record.invocation_id_offset = invocation_id->first;
  BinaryWriter w;
  w.str(kMagic);
  w.u64(kFormatVersion);
  w.str(record.command);
  w.str(record.inputs);
  put(w, record.parse_cache);
  put(w, record.manifest);
  w.u64(record.generated_at_offset);
  w.u64(record.invocation_id_offset);
  w.u64(record.node_count);
  w.u64(record.macro_count);
  w.u64(record.compile_failures);
  w.u64(record.env_vars.size());
  for (const auto& [name, value] : record.env_vars) {
    w.str(name);
    w.boolean(value.has_value());
    if (value) w.str(*value);
  }
  w.u64(record.files.size());
  for (const auto& [path, stamp] : record.files) {
    w.str(path);
    put(w, stamp);
  }
  RealFileSystem files;
  if (!files.write(target_dir / kOutputsRecordFile, w.buffer())) forget_outputs_record(target_dir);
}

bool record_matches(const fs::path& target_dir, const OutputsRecord& record, const std::string& command,
                    const std::string& inputs, const FileStamp& parse_cache) {
  if (record.command != command || record.inputs != inputs || !(record.parse_cache == parse_cache) ||
      record.compile_failures != 0)
    return false;
  for (const auto& [name, value] : record.env_vars) {
    const char* now = std::getenv(name.c_str());
    if (value.has_value() != (now != nullptr) || (now && *value != now)) return false;
  }
  return stamp_of(target_dir / "manifest.json") == std::optional<FileStamp>(record.manifest);
}

bool reuse_outputs(const fs::path& target_dir, const OutputsRecord& record, const std::string& command,
                   const std::string& inputs, const FileStamp& parse_cache, const std::string& generated_at,
                   const std::string& invocation_id) {
  if (!record_matches(target_dir, record, command, inputs, parse_cache)) return false;
  fs::path manifest_path = target_dir / "manifest.json";
  // Every compiled file as written (stat only: content edits keep neither size nor mtime
  // in practice, and a compile rewrites what differs).
  std::atomic<bool> intact = true;
  parallel_for(record.files.size(), std::thread::hardware_concurrency(), [&](size_t i) {
    if (!intact.load(std::memory_order_relaxed)) return;
    const auto& [path, stamp] = record.files[i];
    if (stamp_of(target_dir / path) != std::optional<FileStamp>(stamp)) intact = false;
  });
  if (!intact) return false;
  // The per-run metadata must keep its length for an in-place update.
  std::string head = read_head(manifest_path);
  auto old_generated = string_value_at(head, "generated_at");
  auto old_invocation = string_value_at(head, "invocation_id");
  if (!old_generated || !old_invocation || old_generated->first != record.generated_at_offset ||
      old_invocation->first != record.invocation_id_offset || old_generated->second != generated_at.size() ||
      old_invocation->second != invocation_id.size())
    return false;
  int fd = ::open(manifest_path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool written = pwrite_all(fd, generated_at, record.generated_at_offset) &&
                 pwrite_all(fd, invocation_id, record.invocation_id_offset);
  ::close(fd);
  if (!written) {
    // Half-updated metadata is still valid JSON, but the record no longer describes it.
    forget_outputs_record(target_dir);
    return false;
  }
  save_outputs_record(target_dir, record);
  return true;
}

Result<FileStamp> write_output_file(const fs::path& path, std::string_view content, bool may_exist) {
  return write_output_file_at(AT_FDCWD, path.c_str(), path, content, may_exist);
}

Result<FileStamp> write_output_file_at(int dir_fd, const char* name, const fs::path& path, std::string_view content,
                                       bool may_exist) {
  int fd = may_exist ? ::openat(dir_fd, name, O_RDONLY | O_CLOEXEC) : -1;
  if (fd >= 0) {
    struct stat st;
    if (::fstat(fd, &st) == 0 && static_cast<uint64_t>(st.st_size) == content.size()) {
      std::string existing(content.size(), '\0');
      ssize_t n = ::read(fd, existing.data(), existing.size());
      if (n == static_cast<ssize_t>(existing.size()) && existing == content) {
        ::close(fd);
        return stamp_from(st);
      }
    }
    ::close(fd);
  }
  fd = ::openat(dir_fd, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Error(ErrorCode::Io, "cannot write " + path.string() + ": " + std::strerror(errno));
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int saved = errno;
      ::close(fd);
      return Error(ErrorCode::Io, "cannot write " + path.string() + ": " + std::strerror(saved))
          .with_hint("check free disk space and permissions of " + path.parent_path().string());
    }
    done += static_cast<size_t>(n);
  }
  struct stat st;
  bool stamped = ::fstat(fd, &st) == 0;
  if (::close(fd) != 0 || !stamped) return Error(ErrorCode::Io, "cannot write " + path.string() + ": " + std::strerror(errno));
  return stamp_from(st);
}

}  // namespace strata::cli
