#pragma once
// The parse cache (target/strata_partial_parse.bin): a parsed manifest plus everything its
// parse depended on — every file-system answer the loader got (file contents by hash,
// directory listings, existence probes), the env vars read while rendering and their
// values, the --vars text, the rendered target, the strata version and the built-in
// macros. When all of those are unchanged, loading the cache gives the same manifest as a
// full parse without reading YAML or rendering a single node.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/file_system.h"
#include "manifest/manifest.h"
#include "manifest/node.h"
#include "parser/recording_file_system.h"

namespace strata::parser {

using manifest::Json;

inline constexpr const char* kParseCacheFile = "strata_partial_parse.bin";

// Everything outside the file system that can change a parse's result.
struct ParseCacheKey {
  std::string strata_version;
  std::string vars_yaml;     // --vars as given
  std::string target_json;   // the rendered target (profile, target name, threads, ...)
  std::string project_dir;
  uint64_t builtin_macros_hash = 0;  // the global project embedded in the binary
};

struct EnvVarRead {
  std::string name;
  std::optional<std::string> value;  // nullopt: unset at parse time
};

// A node's state from properties YAML before its parse render, to re-render it alone.
struct RenderInput {
  Json yaml_config = Json::object();
  std::vector<std::string> tags;
  Json meta = Json::object();
};

// What a full parse leaves for the next one.
struct ParseCacheRecord {
  ParseCacheKey key;
  int64_t started_at_ns = 0;  // wall-clock ns since 1970 (as file mtimes) when the parse started listing files
  std::vector<FileAccess> accesses;
  std::vector<EnvVarRead> env_vars;
  std::map<std::string, std::string> macro_descriptions;
  std::vector<Error> warnings;             // warnings of the node phases (not the project files')
  std::vector<std::string> warning_owners;  // per warning: unique_id of the node whose render gave it, or ""
  std::vector<std::string> template_names;  // by NodeId: name the node's template was parsed under
  std::vector<RenderInput> render_inputs;   // by NodeId
};

// Hands the encoded cache to `sink` in pieces of about a megabyte.
void encode_parse_cache(const ParseCacheRecord& record, const manifest::Manifest& manifest,
                        const FileSystem::ContentSink& sink);

struct CacheCheck {
  // Why the cached parse no longer applies ("vars changed", "models/x.sql changed"), or
  // nullopt when it does.
  std::optional<std::string> full_parse_reason;
  // When only file contents changed (no file added or removed, same vars, env, target):
  // the changed files (as read, and as shown to the user) and the record of file-system
  // answers brought up to date, so that a partial re-parse can save a new cache.
  std::vector<std::string> changed_files;
  std::vector<std::string> changed_shown;
  std::vector<FileAccess> refreshed;
  bool only_contents_changed() const { return !changed_files.empty(); }
};

// A decoded cache. The manifest's nodes are decoded only after the inputs check out.
class ParseCache {
 public:
  static std::optional<ParseCache> decode(std::string bytes);  // nullopt: damaged or older format

  // Whether the cached parse still applies: see CacheCheck.
  CacheCheck check(const ParseCacheKey& key, const FileSystem& fs,
                   const std::function<const char*(const char*)>& getenv) const;

  // Adds the cached nodes to `manifest` (which holds no nodes yet); false if damaged.
  bool load_nodes(manifest::Manifest& manifest, ParseCacheRecord& record);

  const ParseCacheRecord& header() const { return header_; }

 private:
  std::string bytes_;
  size_t nodes_offset_ = 0;
  ParseCacheRecord header_;
};

}  // namespace strata::parser
