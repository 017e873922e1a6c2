#pragma once
// Shell-style wildcards with Python fnmatch semantics, as dbt matches selector values:
// `*` any run of characters (including '.' and '/'), `?` one character, `[abc]`, `[a-z]`
// and `[!abc]` character sets; a '[' without a closing ']' is literal. Case-sensitive.
#include <string_view>

namespace strata::graph {

bool fnmatch(std::string_view text, std::string_view pattern);

// True if the pattern contains a wildcard character (`*`, `?`, `[` or `]`).
bool has_wildcard(std::string_view pattern);

// pathlib-style glob of a relative path pattern against a relative path: segments are
// separated by '/', wildcards never cross a '/', and a `**` segment matches zero or more
// whole segments. "." and empty segments are ignored, as pathlib does.
bool glob_path_match(std::string_view path, std::string_view pattern);

}  // namespace strata::graph
