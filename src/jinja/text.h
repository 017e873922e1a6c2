#pragma once
// Python-compatible string helpers (ASCII case rules; other UTF-8 bytes pass through).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace strata::jinja::text {

// Appends code point cp to out as UTF-8.
void append_utf8(std::string& out, uint32_t cp);

bool is_space(char c);
bool is_space_cp(uint32_t cp);
bool is_alpha_cp(uint32_t cp);
bool is_digit_cp(uint32_t cp);
// True when s is non-empty and every code point satisfies pred (str.isalpha & co).
bool all_code_points(std::string_view s, bool (*pred)(uint32_t));
// str.isupper() (want_upper) / str.islower().
bool has_cased(std::string_view s, bool want_upper);
std::string upper(std::string_view s);
std::string lower(std::string_view s);
std::string title(std::string_view s);       // str.title()
std::string capitalize(std::string_view s);  // str.capitalize()
std::string swapcase(std::string_view s);
// strip/lstrip/rstrip; chars == nullptr means whitespace.
std::string strip(std::string_view s, const std::string* chars, bool left, bool right);
// str.split(sep=None, maxsplit)
std::vector<std::string> split(std::string_view s, const std::string* sep, int64_t maxsplit);
std::vector<std::string> rsplit(std::string_view s, const std::string* sep, int64_t maxsplit);
std::string replace(std::string_view s, std::string_view old, std::string_view with, int64_t count);
std::vector<std::string> splitlines(std::string_view s, bool keepends);
size_t codepoints(std::string_view s);

}  // namespace strata::jinja::text
