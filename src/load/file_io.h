#pragma once
// Positional file I/O for parallel transfers: several threads read parts of one file (uploads)
// or write parts of one file at their offsets (downloads).
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "load/digest.h"

namespace strata::load {

// Owns a file descriptor; closes it on scope exit.
struct FileDescriptor {
  int fd = -1;
  FileDescriptor() = default;
  explicit FileDescriptor(int f) : fd(f) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor();
};

// "<what> <path>: <strerror(errno)>"
Error io_error(const std::string& what, const std::string& path);
Status pwrite_all(int fd, std::string_view data, uint64_t offset, const std::string& path);
// Fails if the file ends before `size` bytes (it shrank while being read).
Status pread_all(int fd, char* out, size_t size, uint64_t offset, const std::string& path);
Result<Md5Digest> md5_of_file(int fd, uint64_t size, const std::string& path);

}  // namespace strata::load
