#include "load/load_spec.h"

#include <algorithm>
#include <filesystem>

namespace strata::load {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// csv unless the location's extension says otherwise (compression suffixes ignored).
FileFormat format_from_location(std::string location) {
  location = lower(location);
  for (const char* compressed : {".gz", ".zst"})
    if (ends_with(location, compressed)) location.resize(location.size() - std::string(compressed).size());
  if (ends_with(location, ".parquet")) return FileFormat::Parquet;
  if (ends_with(location, ".json") || ends_with(location, ".ndjson") || ends_with(location, ".jsonl"))
    return FileFormat::Json;
  return FileFormat::Csv;
}

Error spec_error(const manifest::Node& node, const std::string& message, const std::string& hint) {
  return Error(ErrorCode::Config, "source '" + node.source_name + "." + node.name + "': " + message, node.span)
      .with_hint(hint);
}

}  // namespace

const char* format_name(FileFormat format) {
  switch (format) {
    case FileFormat::Csv: return "csv";
    case FileFormat::Parquet: return "parquet";
    case FileFormat::Json: return "json";
  }
  return "csv";
}

const char* on_error_name(OnError on_error) {
  switch (on_error) {
    case OnError::Abort: return "abort";
    case OnError::SkipFile: return "skip_file";
    case OnError::Continue: return "continue";
  }
  return "abort";
}

Result<LoadSpec> parse_load_spec(const manifest::Node& node, const std::string& project_root,
                                 const LocationRenderer& render) {
  LoadSpec spec;
  spec.schema = node.schema;
  spec.identifier = node.identifier.empty() ? node.name : node.identifier;
  spec.source_table = node.source_name + "." + node.name;

  const Json& external = node.external;
  std::string location;
  if (external.is_string()) {
    location = external.get<std::string>();  // `external: path` shorthand
  } else if (external.is_object() && external.contains("location") && external["location"].is_string()) {
    location = external["location"].get<std::string>();
  } else if (node.meta.contains("external_location") && node.meta["external_location"].is_string()) {
    location = node.meta["external_location"].get<std::string>();  // dbt-duckdb's spelling
  } else {
    return spec_error(node, "'external' has no 'location'",
                      "give the files to load, e.g. external: {location: 'data/ratings*.csv'}");
  }
  if (location.find("{{") != std::string::npos || location.find("{%") != std::string::npos) {
    auto rendered = render(location, node);
    if (!rendered) return std::move(rendered).error();
    location = std::move(rendered).value();
  }
  if (location.empty()) return spec_error(node, "'external.location' is empty", "set it to a path, glob or s3:// URI");
  if (location.rfind("s3://", 0) != 0) {
    std::filesystem::path path(location);
    if (path.is_relative()) path = std::filesystem::path(project_root) / path;
    std::string normal = path.lexically_normal().string();
    // Keep a trailing '/' (a directory means "every file in it").
    if (location.back() == '/' && normal.back() != '/') normal += '/';
    location = normal;
  }
  spec.location = location;
  spec.format = format_from_location(location);

  Json object = external.is_object() ? external : Json::object();
  if (object.contains("format")) {
    std::string format = object["format"].is_string() ? lower(object["format"].get<std::string>()) : "";
    if (format == "csv" || format == "tsv") spec.format = FileFormat::Csv;
    else if (format == "parquet") spec.format = FileFormat::Parquet;
    else if (format == "json" || format == "ndjson") spec.format = FileFormat::Json;
    else return spec_error(node, "unknown external.format '" + object["format"].dump() + "'", "use csv, parquet or json");
  }
  if (object.contains("options")) {
    if (!object["options"].is_object())
      return spec_error(node, "'external.options' must be a mapping", "e.g. options: {header: true, delim: ','}");
    spec.options = object["options"];
    for (auto it = spec.options.begin(); it != spec.options.end(); ++it)
      if (it.value().is_object() || it.value().is_array())
        return spec_error(node, "external.options." + it.key() + " must be a scalar",
                          "declare column types under 'columns:' instead of in reader options");
  }
  if (object.contains("on_error")) {
    std::string value = object["on_error"].is_string() ? object["on_error"].get<std::string>() : "";
    if (value == "abort") spec.on_error = OnError::Abort;
    else if (value == "skip_file") spec.on_error = OnError::SkipFile;
    else if (value == "continue") spec.on_error = OnError::Continue;
    else return spec_error(node, "unknown external.on_error '" + object["on_error"].dump() + "'",
                           "use abort, skip_file or continue");
  }
  if (object.contains("mode")) {
    std::string value = object["mode"].is_string() ? object["mode"].get<std::string>() : "";
    if (value == "load") spec.mode = LoadMode::Load;
    else if (value == "in_place") spec.mode = LoadMode::InPlace;
    else return spec_error(node, "unknown external.mode '" + object["mode"].dump() + "'", "use load or in_place");
  }

  // Declared types are used only when every column has one: a partial list would make the
  // reader drop or misplace the undeclared columns.
  bool all_typed = !node.columns.empty();
  for (const auto& column : node.columns) all_typed = all_typed && column.data_type && !column.data_type->empty();
  if (all_typed)
    for (const auto& column : node.columns) spec.columns.push_back({column.name, *column.data_type});
  return spec;
}

}  // namespace strata::load
