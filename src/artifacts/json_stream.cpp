#include "artifacts/json_stream.h"

#include "common/file_system.h"

#include <charconv>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace strata::artifacts {

namespace {

// The UTF-8 sequence starting at text[i]: how many bytes it spans and whether it is
// valid. An invalid sequence spans its lead byte plus the continuation bytes that were
// still acceptable ("maximal subpart"), which is what nlohmann's replace handler turns
// into one U+FFFD.
struct Utf8Sequence {
  size_t length;
  bool valid;
};

Utf8Sequence utf8_sequence(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  size_t continuations;
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the first continuation byte
  if (lead >= 0xC2 && lead <= 0xDF) continuations = 1;
  else if (lead == 0xE0) continuations = 2, low = 0xA0;
  else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) continuations = 2;
  else if (lead == 0xED) continuations = 2, high = 0x9F;  // no surrogates
  else if (lead == 0xF0) continuations = 3, low = 0x90;
  else if (lead >= 0xF1 && lead <= 0xF3) continuations = 3;
  else if (lead == 0xF4) continuations = 3, high = 0x8F;  // nothing above U+10FFFF
  else return {1, false};
  size_t k = 1;
  for (; k <= continuations; ++k) {
    if (i + k >= text.size()) return {k, false};
    unsigned char c = byte(i + k);
    if (c < low || c > high) return {k, false};
    low = 0x80, high = 0xBF;
  }
  return {k, true};
}

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

constexpr uint64_t has_zero_byte(uint64_t x) { return (x - kOnes) & ~x & kHighBits; }

// Whether any of the 8 bytes is a control character, '"', '\\' or non-ASCII.
constexpr bool needs_escape(uint64_t word) {
  uint64_t below_space = (word - kOnes * 0x20) & ~word & kHighBits;
  return (below_space | has_zero_byte(word ^ (kOnes * '"')) | has_zero_byte(word ^ (kOnes * '\\')) |
          (word & kHighBits)) != 0;
}

}  // namespace

void JsonStream::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_.push_back(',');
    first_.back() = false;
  }
}

JsonStream& JsonStream::begin_object() {
  before_value();
  out_.push_back('{');
  first_.push_back(true);
  return *this;
}

JsonStream& JsonStream::end_object() {
  out_.push_back('}');
  first_.pop_back();
  return *this;
}

JsonStream& JsonStream::begin_array() {
  before_value();
  out_.push_back('[');
  first_.push_back(true);
  return *this;
}

JsonStream& JsonStream::end_array() {
  out_.push_back(']');
  first_.pop_back();
  return *this;
}

JsonStream& JsonStream::members(std::string_view object_text) {
  if (object_text.size() <= 2) return *this;  // "{}"
  if (!first_.back()) out_.push_back(',');
  first_.back() = false;
  out_.append(object_text.substr(1, object_text.size() - 2));
  return *this;
}

JsonStream& JsonStream::key(std::string_view name) {
  before_value();
  escape(name);
  out_.push_back(':');
  after_key_ = true;
  return *this;
}

void JsonStream::escape(std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  out_.push_back('"');
  size_t run = 0;  // start of the pending run of bytes that need no escaping
  for (size_t i = 0; i < text.size();) {
    // Eight plain ASCII bytes at a time: most of a manifest is SQL and identifiers.
    if (i + 8 <= text.size()) {
      uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      if (!needs_escape(word)) {
        i += 8;
        continue;
      }
    }
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      Utf8Sequence sequence = utf8_sequence(text, i);
      if (!sequence.valid) {
        out_.append(text.data() + run, i - run);
        out_ += "\xEF\xBF\xBD";  // U+FFFD, as nlohmann's replace handler writes
        i += sequence.length;
        run = i;
      } else {
        i += sequence.length;
      }
      continue;
    }
    out_.append(text.data() + run, i - run);
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default:
        out_ += "\\u00";
        out_.push_back(kHex[c >> 4]);
        out_.push_back(kHex[c & 15]);
    }
    ++i;
    run = i;
  }
  out_.append(text.data() + run, text.size() - run);
  out_.push_back('"');
}

JsonStream& JsonStream::value(std::string_view text) {
  before_value();
  escape(text);
  return *this;
}

JsonStream& JsonStream::value(bool flag) {
  before_value();
  out_ += flag ? "true" : "false";
  return *this;
}

JsonStream& JsonStream::value(int64_t number) {
  before_value();
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, number);
  out_.append(buffer, end);
  return *this;
}

JsonStream& JsonStream::value(uint64_t number) {
  before_value();
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, number);
  out_.append(buffer, end);
  return *this;
}

JsonStream& JsonStream::value(double number) {
  before_value();
  if (!std::isfinite(number)) {
    out_ += "null";  // JSON has no NaN/Infinity; nlohmann writes null too
    return *this;
  }
  // Shortest round-trip digits, laid out as nlohmann does: fixed notation while the
  // decimal point falls within [-4, 15] digits, else d.ddde+XX; floats keep a ".0".
  char buffer[40];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::scientific);
  std::string_view text(buffer, static_cast<size_t>(end - buffer));
  if (!text.empty() && text[0] == '-') {
    out_.push_back('-');
    text.remove_prefix(1);
  }
  size_t e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e))
    if (c != '.') digits.push_back(c);
  int exponent = 0;
  std::string_view exponent_text = text.substr(e + 1);
  if (!exponent_text.empty() && exponent_text[0] == '+') exponent_text.remove_prefix(1);
  std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), exponent);
  int k = static_cast<int>(digits.size());
  int n = exponent + 1;  // position of the decimal point relative to the digits
  if (k <= n && n <= 15) {
    out_ += digits;
    out_.append(static_cast<size_t>(n - k), '0');
    out_ += ".0";
  } else if (0 < n && n <= 15) {
    out_.append(digits, 0, static_cast<size_t>(n));
    out_.push_back('.');
    out_.append(digits, static_cast<size_t>(n));
  } else if (-4 < n && n <= 0) {
    out_ += "0.";
    out_.append(static_cast<size_t>(-n), '0');
    out_ += digits;
  } else {
    out_.push_back(digits[0]);
    if (k > 1) {
      out_.push_back('.');
      out_.append(digits, 1);
    }
    out_.push_back('e');
    int shown = n - 1;
    out_.push_back(shown < 0 ? '-' : '+');
    shown = shown < 0 ? -shown : shown;
    if (shown < 10) out_.push_back('0');
    char exp_buffer[8];
    auto [exp_end, exp_ec] = std::to_chars(exp_buffer, exp_buffer + sizeof exp_buffer, shown);
    out_.append(exp_buffer, exp_end);
  }
  return *this;
}

JsonStream& JsonStream::value(std::nullptr_t) {
  before_value();
  out_ += "null";
  return *this;
}

JsonStream& JsonStream::value(const Json& json) {
  switch (json.type()) {
    case Json::value_t::object:
      begin_object();
      for (const auto& [name, item] : json.items()) {
        key(name);
        value(item);
      }
      return end_object();
    case Json::value_t::array:
      begin_array();
      for (const auto& item : json) value(item);
      return end_array();
    case Json::value_t::string:
      return value(std::string_view(json.get_ref<const std::string&>()));
    case Json::value_t::boolean:
      return value(json.get<bool>());
    case Json::value_t::number_integer:
      return value(json.get<int64_t>());
    case Json::value_t::number_unsigned:
      return value(json.get<uint64_t>());
    case Json::value_t::number_float:
      return value(json.get<double>());
    default:
      return value(nullptr);
  }
}

JsonStream& JsonStream::string_or_null(std::string_view name, const std::string& text) {
  key(name);
  return text.empty() ? value(nullptr) : value(text);
}

JsonStream& JsonStream::string_array(std::string_view name, const std::vector<std::string>& values) {
  key(name);
  begin_array();
  for (const auto& item : values) value(item);
  return end_array();
}

Status write_streamed_json(const std::filesystem::path& path,
                           const std::function<void(JsonStream&, const Checkpoint&)>& write) {
  RealFileSystem files;
  return files.write_streamed(path, [&](const FileSystem::ContentSink& sink) {
    constexpr size_t kChunk = 1 << 20;
    std::string buffer;
    buffer.reserve(2 * kChunk);
    JsonStream out(buffer);
    write(out, [&] {
      if (buffer.size() >= kChunk) {
        sink(buffer);
        buffer.clear();
      }
    });
    sink(buffer);
  });
}

}  // namespace strata::artifacts
