#include "load/source_files.h"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>

#include "load/s3_client.h"

namespace strata::load {

namespace fs = std::filesystem;

bool has_glob(const std::string& text) { return text.find_first_of("*?[") != std::string::npos; }

namespace {

// The directory to walk and the pattern a file's path must match.
struct LocalPattern {
  fs::path base;
  std::string pattern;  // empty = every file under base (non-recursive)
  bool recursive = false;
};

LocalPattern local_pattern(const std::string& location) {
  LocalPattern out;
  if (!has_glob(location)) {
    out.base = location;
    return out;
  }
  size_t first_glob = location.find_first_of("*?[");
  size_t slash = location.rfind('/', first_glob);
  out.base = location.substr(0, slash == std::string::npos ? 0 : slash);
  out.pattern = location;
  // A glob in a directory component or '**' needs a recursive walk.
  out.recursive = location.find('/', first_glob) != std::string::npos || location.find("**") != std::string::npos;
  return out;
}

bool glob_match(const std::string& pattern, const std::string& path) {
  if (pattern.find("**") != std::string::npos) return ::fnmatch(pattern.c_str(), path.c_str(), 0) == 0;
  return ::fnmatch(pattern.c_str(), path.c_str(), FNM_PATHNAME) == 0;
}

Result<SourceFile> local_file(const fs::path& path) {
  std::error_code ec;
  SourceFile file;
  file.uri = path.string();
  file.local_path = file.uri;
  file.size = fs::file_size(path, ec);
  if (ec) return Error(ErrorCode::Io, path.string() + ": " + ec.message());
  auto mtime = fs::last_write_time(path, ec);
  if (ec) return Error(ErrorCode::Io, path.string() + ": " + ec.message());
  file.version = "mtime:" + std::to_string(mtime.time_since_epoch().count());
  return file;
}

Result<std::vector<SourceFile>> list_local(const std::string& location) {
  std::vector<SourceFile> files;
  LocalPattern pattern = local_pattern(location);
  std::error_code ec;
  if (pattern.pattern.empty() && fs::is_regular_file(pattern.base, ec)) {
    auto file = local_file(pattern.base);
    if (!file) return std::move(file).error();
    files.push_back(std::move(file).value());
    return files;
  }
  if (!fs::is_directory(pattern.base, ec)) {
    if (pattern.pattern.empty())
      return Error(ErrorCode::Load, location + ": no such file or directory")
          .with_hint("check external.location (relative paths are from the project directory)");
    return files;  // a glob whose directory does not exist yet matches nothing
  }
  auto consider = [&](const fs::directory_entry& entry) -> Status {
    if (!entry.is_regular_file(ec)) return {};
    std::string path = entry.path().string();
    if (!pattern.pattern.empty() && !glob_match(pattern.pattern, path)) return {};
    std::string name = entry.path().filename().string();
    if (!name.empty() && name[0] == '.') return {};  // hidden files and editors' temp files
    auto file = local_file(entry.path());
    if (!file) return std::move(file).error();
    files.push_back(std::move(file).value());
    return {};
  };
  if (pattern.recursive) {
    for (const auto& entry : fs::recursive_directory_iterator(pattern.base, ec)) STRATA_TRY(consider(entry));
  } else {
    for (const auto& entry : fs::directory_iterator(pattern.base, ec)) STRATA_TRY(consider(entry));
  }
  if (ec) return Error(ErrorCode::Io, pattern.base.string() + ": " + ec.message());
  return files;
}

Result<std::vector<SourceFile>> list_s3(const std::string& location, const S3Client* s3) {
  auto uri = parse_s3_uri(location);
  if (!uri) return std::move(uri).error();
  if (!s3) return Error(ErrorCode::Load, location + ": no S3 client configured");
  std::string prefix = uri->key;
  std::string pattern;
  if (has_glob(uri->key)) {
    pattern = uri->key;
    prefix = uri->key.substr(0, uri->key.find_first_of("*?["));
  }
  auto objects = s3->list_objects(uri->bucket, prefix);
  if (!objects) return std::move(objects).error();
  std::vector<SourceFile> files;
  for (const ObjectInfo& object : *objects) {
    if (!object.key.empty() && object.key.back() == '/') continue;  // "directory" markers
    if (!pattern.empty() && !glob_match(pattern, object.key)) continue;
    SourceFile file;
    file.uri = "s3://" + uri->bucket + "/" + object.key;
    file.bucket = uri->bucket;
    file.key = object.key;
    file.size = object.size;
    file.version = object.etag;
    files.push_back(std::move(file));
  }
  return files;
}

}  // namespace

Result<std::vector<SourceFile>> list_source_files(const LoadSpec& spec, const S3Client* s3) {
  auto files = spec.is_s3() ? list_s3(spec.location, s3) : list_local(spec.location);
  if (!files) return files;
  std::sort(files->begin(), files->end(), [](const SourceFile& a, const SourceFile& b) { return a.uri < b.uri; });
  return files;
}

}  // namespace strata::load
