#pragma once
// Fast text formatting for the MovieLens CSV files: integers without iostreams, ratings as
// "4.0"/"3.5", relevance with up to five decimals, RFC-4180 quoting only where needed, and
// CRLF line ends as in the official files.
#include <cstdint>
#include <string>
#include <string_view>

namespace mlgen {

inline constexpr std::string_view kLineEnd = "\r\n";

// Writes the decimal digits of v ending at `end`; returns the start.
inline char* format_uint_backwards(uint64_t v, char* end) {
  do {
    *--end = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  return end;
}

inline void append_uint(std::string& out, uint64_t v) {
  char buf[24];
  char* end = buf + sizeof buf;
  char* start = format_uint_backwards(v, end);
  out.append(start, static_cast<size_t>(end - start));
}

inline void append_int(std::string& out, int64_t v) {
  if (v < 0) {
    out.push_back('-');
    append_uint(out, static_cast<uint64_t>(-(v + 1)) + 1);
  } else {
    append_uint(out, static_cast<uint64_t>(v));
  }
}

// Rating in half stars (1..10) -> "0.5" .. "5.0".
inline void append_rating(std::string& out, int halves) {
  const char text[3] = {static_cast<char>('0' + halves / 2), '.', halves % 2 ? '5' : '0'};
  out.append(text, 3);
}

// Relevance in units of 1/4000 (0..4000) -> "0.02875", "0.1", "1.0".
void append_relevance(std::string& out, uint32_t units);

// True if the field holds a comma, a double quote, CR or LF (RFC 4180). Leading or trailing
// spaces stay unquoted, as in the real files.
bool needs_quoting(std::string_view field);
// Appends the field, quoted with inner quotes doubled when needed.
void append_field(std::string& out, std::string_view field);

}  // namespace mlgen
