#pragma once
// The `external:` spec of a source table: where its files are and how to read them.
//
//   external:
//     location: "data/ratings*.csv"   # local path/glob/directory, or s3://bucket/prefix[/glob]
//     format: csv                     # csv | parquet | json (default: from the extension)
//     options: {header: true, delim: ",", quote: '"'}   # passed to DuckDB's reader
//     on_error: abort                 # abort | skip_file | continue
//     mode: load                      # load (copy into a table) | in_place (a view)
//
// Parsed once per source node; errors point at the node's YAML entry.
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "manifest/node.h"

namespace strata::load {

using manifest::Json;

enum class FileFormat { Csv, Parquet, Json };
enum class OnError { Abort, SkipFile, Continue };
enum class LoadMode { Load, InPlace };

const char* format_name(FileFormat format);
const char* on_error_name(OnError on_error);

struct DeclaredColumn {
  std::string name;
  std::string type;  // SQL type as written (e.g. integer, varchar)
};

struct LoadSpec {
  std::string location;  // rendered; local paths are absolute
  FileFormat format = FileFormat::Csv;
  Json options = Json::object();  // reader options (name -> scalar)
  OnError on_error = OnError::Abort;
  LoadMode mode = LoadMode::Load;

  // The warehouse table and what the source declares about it.
  std::string schema;
  std::string identifier;
  std::string source_table;  // "source_name.table" for messages
  std::vector<DeclaredColumn> columns;  // only when every column declares a data_type

  bool is_s3() const { return location.rfind("s3://", 0) == 0; }
};

// Renders Jinja in `location` (the loader keeps `external:` values verbatim).
using LocationRenderer = std::function<Result<std::string>(const std::string& text, const manifest::Node& node)>;

// `project_root` anchors relative local locations. Returns nullopt-like empty location via
// error when `external` lacks one.
Result<LoadSpec> parse_load_spec(const manifest::Node& source, const std::string& project_root,
                                 const LocationRenderer& render);

}  // namespace strata::load
