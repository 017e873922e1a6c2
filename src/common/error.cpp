#include "common/error.h"

#include <algorithm>
#include <string_view>

namespace strata {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::Internal: return "internal";
    case ErrorCode::Usage: return "usage";
    case ErrorCode::Io: return "io";
    case ErrorCode::Config: return "config";
    case ErrorCode::Yaml: return "yaml";
    case ErrorCode::TemplateSyntax: return "template-syntax";
    case ErrorCode::TemplateRuntime: return "template-runtime";
    case ErrorCode::Compilation: return "compilation";
    case ErrorCode::Database: return "database";
    case ErrorCode::DatabaseLocked: return "database-locked";
    case ErrorCode::Interrupted: return "interrupted";
    case ErrorCode::Network: return "network";
    case ErrorCode::Load: return "load";
    case ErrorCode::Test: return "test";
  }
  return "unknown";
}

std::string SourceSpan::location() const {
  std::string out = file();
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  return out;
}

SourceSpan SourceSpan::at_offset(std::shared_ptr<const SourceText> source, size_t offset, uint32_t length) {
  SourceSpan span;
  uint32_t line = 1, column = 1;
  if (source) {
    const std::string& text = source->content;
    size_t end = std::min(offset, text.size());
    for (size_t i = 0; i < end; ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
  }
  span.source = std::move(source);
  span.line = line;
  span.column = column;
  span.length = length == 0 ? 1 : length;
  return span;
}

std::string source_line(const std::string& content, uint32_t line) {
  if (line == 0) return {};
  size_t start = 0;
  for (uint32_t l = 1; l < line; ++l) {
    size_t nl = content.find('\n', start);
    if (nl == std::string::npos) return {};
    start = nl + 1;
  }
  size_t end = content.find('\n', start);
  if (end == std::string::npos) end = content.size();
  if (end > start && content[end - 1] == '\r') --end;
  return content.substr(start, end - start);
}

namespace {

const char* kRed = "\x1b[1;31m";
const char* kBold = "\x1b[1m";
const char* kCyan = "\x1b[36m";
const char* kReset = "\x1b[0m";

// Source line plus caret line, gutter-aligned. Tabs in the prefix are kept so the caret lines up.
void append_snippet(std::string& out, const SourceSpan& span, const RenderOptions& opt) {
  if (!span.source || span.line == 0) return;
  std::string text = source_line(span.source->content, span.line);
  std::string number = std::to_string(span.line);
  std::string gutter(number.size(), ' ');
  out += " " + number + " | " + text + "\n";
  out += " " + gutter + " | ";
  uint32_t col = span.column == 0 ? 1 : span.column;
  for (uint32_t i = 1; i < col && i - 1 < text.size(); ++i) out += text[i - 1] == '\t' ? '\t' : ' ';
  // Never draw carets past the end of the line (multi-line spans get clipped to it).
  size_t room = text.size() >= col ? text.size() - col + 1 : 1;
  size_t carets = std::max<size_t>(1, std::min<size_t>(span.length, room));
  if (opt.color) out += kRed;
  out += std::string(carets, '^');
  if (opt.color) out += kReset;
  out += "\n";
}

}  // namespace

std::string render_error(const Error& error, const RenderOptions& opt) {
  std::string out;
  if (error.span.known()) {
    if (opt.color) out += kBold;
    out += error.span.location() + ": ";
    if (opt.color) out += kReset;
  }
  if (opt.color) out += kRed;
  out += std::string(opt.severity) + ": ";
  if (opt.color) out += kReset;
  out += error.message;
  out += "\n";
  append_snippet(out, error.span, opt);
  for (const ErrorFrame& frame : error.chain) {
    out += "  " + frame.description;
    if (frame.span.known()) out += " at " + frame.span.location();
    out += "\n";
    append_snippet(out, frame.span, opt);
  }
  if (!error.hint.empty()) {
    if (opt.color) out += kCyan;
    out += "hint: ";
    if (opt.color) out += kReset;
    out += error.hint + "\n";
  }
  return out;
}

}  // namespace strata
