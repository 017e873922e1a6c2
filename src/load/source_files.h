#pragma once
// The files behind a load spec's location: a local path, directory or glob, or the objects
// under an s3:// prefix (optionally with a glob on the key). Each file carries what the load
// history compares to notice a change: its size and a version (S3 ETag or local mtime).
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "load/load_spec.h"

namespace strata::load {

class S3Client;

struct SourceFile {
  std::string uri;         // s3://bucket/key or the absolute local path
  std::string local_path;  // local files only: read in place
  std::string bucket, key; // S3 objects only
  uint64_t size = 0;
  std::string version;     // ETag (S3) or "mtime:<ns>" (local)
};

bool has_glob(const std::string& text);

// Sorted by URI. `s3` may be null when the location is local.
Result<std::vector<SourceFile>> list_source_files(const LoadSpec& spec, const S3Client* s3);

}  // namespace strata::load
