#pragma once
// Python-compatible string helpers (ASCII case rules; other UTF-8 bytes pass through).
#include <string>
#include <string_view>
#include <vector>

namespace strata::jinja::text {

bool is_space(char c);
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
