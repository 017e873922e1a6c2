#include "load/file_io.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace strata::load {

FileDescriptor::~FileDescriptor() {
  if (fd >= 0) ::close(fd);
}

Error io_error(const std::string& what, const std::string& path) {
  return Error(ErrorCode::Io, what + " " + path + ": " + std::strerror(errno));
}

Status pwrite_all(int fd, std::string_view data, uint64_t offset, const std::string& path) {
  while (!data.empty()) {
    ssize_t n = ::pwrite(fd, data.data(), data.size(), static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return io_error("cannot write", path);
    data.remove_prefix(static_cast<size_t>(n));
    offset += static_cast<uint64_t>(n);
  }
  return {};
}

Status pread_all(int fd, char* out, size_t size, uint64_t offset, const std::string& path) {
  while (size > 0) {
    ssize_t n = ::pread(fd, out, size, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error("cannot read", path);
    if (n == 0) return Error(ErrorCode::Io, "cannot read " + path + ": the file shrank while it was read");
    out += n;
    size -= static_cast<size_t>(n);
    offset += static_cast<uint64_t>(n);
  }
  return {};
}

Result<Md5Digest> md5_of_file(int fd, uint64_t size, const std::string& path) {
  Md5Stream md5;
  std::string buffer(4 << 20, '\0');
  for (uint64_t offset = 0; offset < size;) {
    size_t n = static_cast<size_t>(std::min<uint64_t>(buffer.size(), size - offset));
    STRATA_TRY(pread_all(fd, buffer.data(), n, offset, path));
    md5.update(std::string_view(buffer.data(), n));
    offset += n;
  }
  return md5.finish();
}

}  // namespace strata::load
