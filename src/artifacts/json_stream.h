#pragma once
// A JSON writer that appends straight to a string. manifest.json for 40,000 nodes is
// ~80 MB; building it as a JSON tree first spends most of its time in malloc/free, so the
// manifest is streamed and only small sub-objects go through nlohmann::json.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "artifacts/artifact_json.h"

namespace strata::artifacts {

class JsonStream {
 public:
  explicit JsonStream(std::string& out) : out_(out) {}

  JsonStream& begin_object();
  JsonStream& end_object();
  JsonStream& begin_array();
  JsonStream& end_array();
  JsonStream& key(std::string_view name);  // must be followed by exactly one value

  JsonStream& value(std::string_view text);
  JsonStream& value(const char* text) { return value(std::string_view(text)); }
  JsonStream& value(const std::string& text) { return value(std::string_view(text)); }
  JsonStream& value(bool flag);
  JsonStream& value(int number) { return value(static_cast<int64_t>(number)); }
  JsonStream& value(int64_t number);
  JsonStream& value(uint64_t number);
  JsonStream& value(double number);
  JsonStream& value(std::nullptr_t);
  JsonStream& value(const Json& json);  // any JSON value, written with the same escaping

  template <class T>
  JsonStream& field(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }
  // "" writes null.
  JsonStream& string_or_null(std::string_view name, const std::string& text);
  JsonStream& string_array(std::string_view name, const std::vector<std::string>& values);
  // Appends the members of `object_text` (a serialized object, "{...}") to the object
  // being written, as if each had been written here.
  JsonStream& members(std::string_view object_text);

 private:
  void before_value();
  void escape(std::string_view text);

  std::string& out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

// Called by a document writer between elements (e.g. after each node) so the buffer can be
// flushed; holding a whole 80 MB document in one string costs more in page faults than
// serializing it.
using Checkpoint = std::function<void()>;

// Writes a streamed document to `path` through a temporary file renamed into place,
// flushing about every megabyte at checkpoints. Creates parent directories.
Status write_streamed_json(const std::filesystem::path& path,
                           const std::function<void(JsonStream&, const Checkpoint&)>& write);

}  // namespace strata::artifacts
