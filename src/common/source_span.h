#pragma once
// A position in a user's file, carried by errors so they can point at the source.
#include <cstdint>
#include <memory>
#include <string>

namespace strata {

// The text of a source file, shared by every span that points into it so an error can
// show the offending line long after the file was read.
struct SourceText {
  std::string path;     // as the user should see it, e.g. models/dim_movies.sql
  std::string content;  // whole file
};

struct SourceSpan {
  std::shared_ptr<const SourceText> source;  // may be null: then only path/line/col print
  std::string path;                          // used when source is null
  uint32_t line = 0;                         // 1-based; 0 = unknown
  uint32_t column = 0;                       // 1-based, in bytes; 0 = unknown
  uint32_t length = 1;                       // carets to draw

  const std::string& file() const { return source ? source->path : path; }
  bool known() const { return !file().empty(); }

  // "file:line:col" (omitting parts that are unknown).
  std::string location() const;

  // Span at a byte offset into a shared source; computes line and column.
  static SourceSpan at_offset(std::shared_ptr<const SourceText> source, size_t offset, uint32_t length = 1);
};

}  // namespace strata
