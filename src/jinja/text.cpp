#include "jinja/text.h"

#include <algorithm>

namespace strata::jinja::text {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == '\x1c' || c == '\x1d' || c == '\x1e' || c == '\x1f'; }

namespace {

// UTF-8 decoding of the code point at s[i]; advances i. Invalid bytes decode as themselves.
uint32_t decode(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (len == 1 || i + len > s.size()) {
    ++i;
    return c;
  }
  uint32_t cp = c & (0xFF >> (len + 1));
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}


// Simple case mappings for Latin-1, Latin Extended-A, Greek and Cyrillic (the scripts dbt
// projects meet in practice); other code points have no case here.
bool is_upper_cp(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return true;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return true;
  if (cp >= 0x100 && cp <= 0x17F) {
    if (cp == 0x130) return true;
    if (cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17F) return false;
    bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    return odd_upper ? (cp % 2 == 1) : (cp % 2 == 0);
  }
  if ((cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) || cp == 0x386 || (cp >= 0x388 && cp <= 0x38F)) return true;
  if (cp >= 0x400 && cp <= 0x42F) return true;
  return false;
}

bool is_lower_cp(uint32_t cp) {
  if (cp >= 'a' && cp <= 'z') return true;
  if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) return true;
  if (cp >= 0x100 && cp <= 0x17F) return !is_upper_cp(cp);
  if (cp >= 0x3AC && cp <= 0x3CE) return true;
  if (cp >= 0x430 && cp <= 0x45F) return true;
  return false;
}

uint32_t to_upper_cp(uint32_t cp) {
  if (cp >= 'a' && cp <= 'z') return cp - 32;
  if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) return cp - 32;
  if (cp == 0xFF) return 0x178;
  if (cp >= 0x100 && cp <= 0x17F && is_lower_cp(cp) && cp != 0x131 && cp != 0x138 && cp != 0x149 && cp != 0x17F) return cp - 1;
  if (cp == 0x131) return 'I';
  if (cp >= 0x3B1 && cp <= 0x3C9) return cp == 0x3C2 ? 0x3A3 : cp - 32;
  if (cp == 0x3AC) return 0x386;
  if (cp >= 0x3AD && cp <= 0x3AF) return cp - 37;
  if (cp == 0x3CC) return 0x38C;
  if (cp == 0x3CD || cp == 0x3CE) return cp - 63;
  if (cp >= 0x430 && cp <= 0x44F) return cp - 32;
  if (cp >= 0x450 && cp <= 0x45F) return cp - 80;
  return cp;
}

uint32_t to_lower_cp(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp == 0x178) return 0xFF;
  if (cp == 0x130) return 'i';
  if (cp >= 0x100 && cp <= 0x17F && is_upper_cp(cp)) return cp + 1;
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 32;
  if (cp == 0x386) return 0x3AC;
  if (cp >= 0x388 && cp <= 0x38A) return cp + 37;
  if (cp == 0x38C) return 0x3CC;
  if (cp == 0x38E || cp == 0x38F) return cp + 63;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

bool is_cased(uint32_t cp) { return is_upper_cp(cp) || is_lower_cp(cp); }

std::vector<uint32_t> decode_all(std::string_view s) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < s.size();) out.push_back(decode(s, i));
  return out;
}

void append_upper(std::string& out, uint32_t cp) {
  if (cp == 0xDF) {
    out += "SS";
    return;
  }
  append_utf8(out, to_upper_cp(cp));
}

// Lower-cases position i of cps, with Greek final sigma.
void append_lower(std::string& out, const std::vector<uint32_t>& cps, size_t i) {
  uint32_t cp = cps[i];
  if (cp == 0x3A3) {
    bool before = i > 0 && is_cased(cps[i - 1]);
    bool after = i + 1 < cps.size() && is_cased(cps[i + 1]);
    append_utf8(out, before && !after ? 0x3C2 : 0x3C3);
    return;
  }
  append_utf8(out, to_lower_cp(cp));
}

}  // namespace

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_space_cp(uint32_t cp) {
  return (cp < 0x80 && is_space(static_cast<char>(cp))) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool is_alpha_cp(uint32_t cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return true;
  if (cp < 0xC0) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp <= 0x24F) return true;
  if (cp >= 0x370 && cp <= 0x3FF) return cp != 0x375 && cp != 0x37E && cp != 0x384 && cp != 0x385 && cp != 0x387;
  if (cp >= 0x400 && cp <= 0x481) return true;
  if (cp >= 0x48A && cp <= 0x52F) return true;
  if (cp >= 0x5D0 && cp <= 0x5EA) return true;
  if (cp >= 0x620 && cp <= 0x64A) return true;
  if (cp >= 0x3041 && cp <= 0x3096) return true;
  if (cp >= 0x30A1 && cp <= 0x30FA) return true;
  if (cp >= 0x4E00 && cp <= 0x9FFF) return true;
  if (cp >= 0xAC00 && cp <= 0xD7A3) return true;
  return false;
}

bool is_digit_cp(uint32_t cp) {
  return (cp >= '0' && cp <= '9') || cp == 0xB2 || cp == 0xB3 || cp == 0xB9 || (cp >= 0x660 && cp <= 0x669) ||
         (cp >= 0x6F0 && cp <= 0x6F9) || (cp >= 0x966 && cp <= 0x96F) || (cp >= 0xFF10 && cp <= 0xFF19) ||
         (cp >= 0x2070 && cp <= 0x2079 && cp != 0x2071 && cp != 0x2072 && cp != 0x2073);
}

bool all_code_points(std::string_view s, bool (*pred)(uint32_t)) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size();) {
    if (!pred(decode(s, i))) return false;
  }
  return true;
}

bool has_cased(std::string_view s, bool want_upper) {
  bool cased = false;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = decode(s, i);
    if (want_upper ? is_lower_cp(cp) : is_upper_cp(cp)) return false;
    if (is_cased(cp)) cased = true;
  }
  return cased;
}

std::string upper(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) append_upper(out, decode(s, i));
  return out;
}

std::string lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::vector<uint32_t> cps = decode_all(s);
  for (size_t i = 0; i < cps.size(); ++i) append_lower(out, cps, i);
  return out;
}

std::string title(std::string_view s) {
  std::string out;
  std::vector<uint32_t> cps = decode_all(s);
  bool prev_cased = false;
  for (size_t i = 0; i < cps.size(); ++i) {
    uint32_t cp = cps[i];
    if (is_cased(cp)) {
      if (prev_cased) append_lower(out, cps, i);
      else append_utf8(out, cp == 0xDF ? cp : to_upper_cp(cp));
      prev_cased = true;
    } else {
      append_utf8(out, cp);
      prev_cased = false;
    }
  }
  return out;
}

std::string capitalize(std::string_view s) {
  std::vector<uint32_t> cps = decode_all(s);
  std::string out;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (i == 0) append_utf8(out, cps[0] == 0xDF ? cps[0] : to_upper_cp(cps[0]));
    else append_lower(out, cps, i);
  }
  return out;
}

std::string swapcase(std::string_view s) {
  std::vector<uint32_t> cps = decode_all(s);
  std::string out;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (is_upper_cp(cps[i])) append_lower(out, cps, i);
    else if (is_lower_cp(cps[i])) append_upper(out, cps[i]);
    else append_utf8(out, cps[i]);
  }
  return out;
}

std::string strip(std::string_view s, const std::string* chars, bool left, bool right) {
  std::vector<uint32_t> cps = decode_all(s);
  std::vector<uint32_t> set = chars ? decode_all(*chars) : std::vector<uint32_t>();
  auto strip_cp = [&](uint32_t cp) {
    if (!chars) return is_space_cp(cp);
    for (uint32_t c : set) {
      if (c == cp) return true;
    }
    return false;
  };
  size_t b = 0, e = cps.size();
  if (left) {
    while (b < e && strip_cp(cps[b])) ++b;
  }
  if (right) {
    while (e > b && strip_cp(cps[e - 1])) --e;
  }
  std::string out;
  for (size_t i = b; i < e; ++i) append_utf8(out, cps[i]);
  return out;
}

// Whitespace splitting treats Unicode spaces like Python; normalize them to ' ' positions.
static std::string spaces_marked(std::string_view s, std::vector<bool>& space) {
  std::string out;
  space.clear();
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    uint32_t cp = decode(s, i);
    bool sp = is_space_cp(cp);
    for (size_t k = start; k < i; ++k) {
      out += s[k];
      space.push_back(sp);
    }
  }
  return out;
}

std::vector<std::string> split(std::string_view s, const std::string* sep, int64_t maxsplit) {
  std::vector<std::string> out;
  if (!sep) {
    std::vector<bool> space;
    std::string text = spaces_marked(s, space);
    size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && space[i]) ++i;
      if (i >= text.size()) break;
      if (maxsplit >= 0 && static_cast<int64_t>(out.size()) >= maxsplit) {
        size_t e = text.size();
        while (e > i && space[e - 1]) --e;
        out.emplace_back(text.substr(i, e - i));
        return out;
      }
      size_t j = i;
      while (j < text.size() && !space[j]) ++j;
      out.emplace_back(text.substr(i, j - i));
      i = j;
    }
    return out;
  }
  if (false) {
    size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && is_space(s[i])) ++i;
      if (i >= s.size()) break;
      if (maxsplit >= 0 && static_cast<int64_t>(out.size()) >= maxsplit) {
        size_t e = s.size();
        while (e > i && is_space(s[e - 1])) --e;
        out.emplace_back(s.substr(i, e - i));
        return out;
      }
      size_t j = i;
      while (j < s.size() && !is_space(s[j])) ++j;
      out.emplace_back(s.substr(i, j - i));
      i = j;
    }
    return out;
  }
  size_t start = 0;
  while (true) {
    if (maxsplit >= 0 && static_cast<int64_t>(out.size()) >= maxsplit) break;
    size_t pos = s.find(*sep, start);
    if (pos == std::string_view::npos) break;
    out.emplace_back(s.substr(start, pos - start));
    start = pos + sep->size();
  }
  out.emplace_back(s.substr(start));
  return out;
}

std::vector<std::string> rsplit(std::string_view s, const std::string* sep, int64_t maxsplit) {
  if (maxsplit < 0) return split(s, sep, maxsplit);
  std::vector<std::string> out;
  if (!sep) {
    size_t e = s.size();
    while (e > 0) {
      while (e > 0 && is_space(s[e - 1])) --e;
      if (e == 0) break;
      if (static_cast<int64_t>(out.size()) >= maxsplit) {
        size_t b = 0;
        while (b < e && is_space(s[b])) ++b;
        out.emplace_back(s.substr(b, e - b));
        break;
      }
      size_t b = e;
      while (b > 0 && !is_space(s[b - 1])) --b;
      out.emplace_back(s.substr(b, e - b));
      e = b;
    }
    std::reverse(out.begin(), out.end());
    return out;
  }
  size_t end = s.size();
  while (static_cast<int64_t>(out.size()) < maxsplit) {
    if (end < sep->size()) break;
    size_t pos = s.rfind(*sep, end - sep->size());
    if (pos == std::string_view::npos) break;
    out.emplace_back(s.substr(pos + sep->size(), end - pos - sep->size()));
    end = pos;
  }
  out.emplace_back(s.substr(0, end));
  std::reverse(out.begin(), out.end());
  return out;
}

std::string replace(std::string_view s, std::string_view old, std::string_view with, int64_t count) {
  std::string out;
  if (old.empty()) {
    // Python inserts `with` between every character (and at both ends).
    int64_t done = 0;
    for (size_t i = 0; i <= s.size(); ++i) {
      if (count < 0 || done < count) {
        out += with;
        ++done;
      }
      if (i < s.size()) out += s[i];
    }
    return out;
  }
  size_t start = 0;
  int64_t done = 0;
  while (count < 0 || done < count) {
    size_t pos = s.find(old, start);
    if (pos == std::string_view::npos) break;
    out.append(s.substr(start, pos - start));
    out.append(with);
    start = pos + old.size();
    ++done;
  }
  out.append(s.substr(start));
  return out;
}

std::vector<std::string> splitlines(std::string_view s, bool keepends) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '\x1c' || c == '\x1d' || c == '\x1e') {
      size_t end = i;
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      out.emplace_back(s.substr(start, (keepends ? i + 1 : end) - start));
      start = i + 1;
    }
  }
  if (start < s.size()) out.emplace_back(s.substr(start));
  return out;
}

size_t codepoints(std::string_view s) {
  // Same rule as Renderer::iterate: a code point starts at the first byte and at every
  // non-continuation byte.
  size_t n = s.empty() ? 0 : 1;
  for (size_t i = 1; i < s.size(); ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return n;
}

}  // namespace strata::jinja::text
