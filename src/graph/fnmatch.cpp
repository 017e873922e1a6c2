#include "graph/fnmatch.h"

#include <string>
#include <vector>

namespace strata::graph {

namespace {

// Matches a [...] set starting at pattern[p] == '['. Returns false in `valid` when the set
// is unterminated (then '[' is literal). On success sets `end` past the closing ']'.
bool match_set(std::string_view pattern, size_t p, char c, bool& valid, size_t& end) {
  size_t i = p + 1;
  bool negate = false;
  if (i < pattern.size() && pattern[i] == '!') {
    negate = true;
    ++i;
  }
  size_t first = i;
  // A ']' right after '[' or '[!' is a member, not the end.
  size_t close = pattern.find(']', i == pattern.size() ? i : i + 1);
  if (close == std::string_view::npos) {
    valid = false;
    return false;
  }
  valid = true;
  end = close + 1;
  bool found = false;
  for (size_t j = first; j < close; ++j) {
    if (j + 2 < close && pattern[j + 1] == '-') {
      if (pattern[j] <= c && c <= pattern[j + 2]) found = true;
      j += 2;
    } else if (pattern[j] == c) {
      found = true;
    }
  }
  return found != negate;
}

bool match_from(std::string_view text, size_t t, std::string_view pattern, size_t p) {
  // Iterative matcher with single-star backtracking; sets and '?' consume one character.
  size_t star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size()) {
      char pc = pattern[p];
      if (pc == '*') {
        star_p = ++p;
        star_t = t;
        continue;
      }
      if (pc == '?') {
        ++p;
        ++t;
        continue;
      }
      if (pc == '[') {
        bool valid = false;
        size_t end = 0;
        bool hit = match_set(pattern, p, text[t], valid, end);
        if (valid) {
          if (hit) {
            p = end;
            ++t;
            continue;
          }
        } else if (text[t] == '[') {
          ++p;
          ++t;
          continue;
        }
      } else if (pc == text[t]) {
        ++p;
        ++t;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    t = ++star_t;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view seg = path.substr(start, slash - start);
    if (!seg.empty() && seg != ".") out.push_back(seg);
    start = slash + 1;
  }
  return out;
}

// Table over (pattern segment, path segment) so patterns full of `**` stay polynomial.
bool match_segments(const std::vector<std::string_view>& path, const std::vector<std::string_view>& pattern) {
  const size_t n = path.size(), m = pattern.size();
  // next[i]: pattern[p+1..] matches path[i..]; computed from the last pattern segment back.
  std::vector<char> next(n + 1, 0), cur(n + 1, 0);
  next[n] = 1;  // empty pattern matches only the empty rest
  for (size_t p = m; p-- > 0;) {
    if (pattern[p] == "**") {
      // `**` matches zero or more segments: cur[i] = any next[k] for k >= i.
      char any = 0;
      for (size_t i = n + 1; i-- > 0;) {
        any = any || next[i];
        cur[i] = any;
      }
    } else {
      for (size_t i = 0; i <= n; ++i) cur[i] = i < n && next[i + 1] && fnmatch(path[i], pattern[p]);
    }
    next.swap(cur);
  }
  return next[0] != 0;
}

}  // namespace

bool fnmatch(std::string_view text, std::string_view pattern) { return match_from(text, 0, pattern, 0); }

bool has_wildcard(std::string_view pattern) {
  return pattern.find_first_of("*?[]") != std::string_view::npos;
}

bool glob_path_match(std::string_view path, std::string_view pattern) {
  return match_segments(segments(path), segments(pattern));
}

}  // namespace strata::graph
