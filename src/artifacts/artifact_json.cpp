#include "artifacts/artifact_json.h"

#include <charconv>
#include <cstdio>

#include "common/file_system.h"

namespace strata::artifacts {

namespace {

bool read_int(std::string_view text, size_t pos, size_t width, int& out) {
  if (pos + width > text.size()) return false;
  auto begin = text.data() + pos;
  auto [ptr, ec] = std::from_chars(begin, begin + width, out);
  return ec == std::errc() && ptr == begin + width;
}

}  // namespace

std::string format_timestamp(TimePoint time) {
  using namespace std::chrono;
  auto micros = time_point_cast<microseconds>(time);
  auto days = floor<std::chrono::days>(micros);
  year_month_day date{days};
  hh_mm_ss clock{micros - days};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%06lldZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()), static_cast<long long>(clock.subseconds().count()));
  return buffer;
}

std::optional<TimePoint> parse_timestamp(std::string_view text) {
  using namespace std::chrono;
  int y, mo, d, h, mi, s;
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') ||
      text[13] != ':' || text[16] != ':')
    return std::nullopt;
  if (!read_int(text, 0, 4, y) || !read_int(text, 5, 2, mo) || !read_int(text, 8, 2, d) ||
      !read_int(text, 11, 2, h) || !read_int(text, 14, 2, mi) || !read_int(text, 17, 2, s))
    return std::nullopt;
  year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!date.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  size_t pos = 19;
  long long micros = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 6) {
        micros = micros * 10 + (text[pos] - '0');
        ++digits;
      }
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (; digits < 6; ++digits) micros *= 10;
  }
  std::string_view zone = text.substr(pos);
  if (!(zone.empty() || zone == "Z" || zone == "+00:00")) return std::nullopt;
  auto point = sys_days{date} + hours{h} + minutes{mi} + seconds{s} + microseconds{micros};
  return time_point_cast<Clock::duration>(point);
}

double epoch_seconds(TimePoint time) {
  using namespace std::chrono;
  return static_cast<double>(duration_cast<microseconds>(time.time_since_epoch()).count()) / 1e6;
}

void append(Json& object, std::string key, Json value) {
  if (!object.is_object()) object = Json::object();
  object.get_ref<Json::object_t&>().emplace_back(std::move(key), std::move(value));
}

Json string_or_null(const std::string& value) { return value.empty() ? Json(nullptr) : Json(value); }

Json artifact_metadata_json(const ArtifactMetadata& metadata, std::string_view schema_url) {
  Json json = Json::object();
  append(json, "dbt_schema_version", std::string(schema_url));
  append(json, "dbt_version", metadata.dbt_version);
  append(json, "generated_at", format_timestamp(metadata.generated_at));
  append(json, "invocation_id", string_or_null(metadata.invocation_id));
  if (metadata.invocation_started_at)
    append(json, "invocation_started_at", format_timestamp(*metadata.invocation_started_at));
  Json env = Json::object();
  for (const auto& [key, value] : metadata.env) append(env, key, value);
  if (!metadata.strata_version.empty() && !metadata.env.count("STRATA_VERSION"))
    append(env, "STRATA_VERSION", metadata.strata_version);
  append(json, "env", std::move(env));
  return json;
}

ArtifactMetadata artifact_metadata_from_json(const Json& json) {
  ArtifactMetadata metadata;
  if (!json.is_object()) return metadata;
  if (auto it = json.find("dbt_version"); it != json.end() && it->is_string()) metadata.dbt_version = *it;
  if (auto it = json.find("generated_at"); it != json.end() && it->is_string())
    if (auto time = parse_timestamp(it->get_ref<const std::string&>())) metadata.generated_at = *time;
  if (auto it = json.find("invocation_id"); it != json.end() && it->is_string()) metadata.invocation_id = *it;
  if (auto it = json.find("invocation_started_at"); it != json.end() && it->is_string())
    metadata.invocation_started_at = parse_timestamp(it->get_ref<const std::string&>());
  if (auto it = json.find("env"); it != json.end() && it->is_object())
    for (const auto& [key, value] : it->items())
      if (value.is_string()) {
        if (key == "STRATA_VERSION")
          metadata.strata_version = value;
        else
          metadata.env[key] = value;
      }
  return metadata;
}

Status write_json_file(const std::filesystem::path& path, const Json& json) {
  std::string text;
  try {
    // Invalid UTF-8 in user files must not abort the write: replace it as Python would.
    text = json.dump(-1, ' ', false, Json::error_handler_t::replace);
  } catch (const std::exception& e) {
    return Error(ErrorCode::Internal, "cannot serialize " + path.string() + ": " + e.what());
  }
  return RealFileSystem().write(path, text);
}

Result<Json> read_json_file(const std::filesystem::path& path) {
  auto text = RealFileSystem().read(path);
  if (!text.ok()) return std::move(text).error();
  try {
    return Json::parse(*text);
  } catch (const Json::parse_error& e) {
    auto source = std::make_shared<SourceText>(SourceText{path.string(), std::move(*text)});
    size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    if (offset > source->content.size()) offset = source->content.size();
    std::string message = e.what();
    // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 1, column 2: ".
    if (auto colon = message.find(": "); colon != std::string::npos) message = message.substr(colon + 2);
    return Error(ErrorCode::Io, path.filename().string() + " is not valid JSON: " + message,
                 SourceSpan::at_offset(source, offset))
        .with_hint("delete it and run the command again to regenerate it");
  }
}

}  // namespace strata::artifacts
