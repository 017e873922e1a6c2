#pragma once
// The bodies of movies.csv and links.csv from the catalog.
#include <string>
#include <string_view>

#include "catalog.h"

namespace mlgen {

inline constexpr std::string_view kMoviesHeader = "movieId,title,genres\r\n";
inline constexpr std::string_view kLinksHeader = "movieId,imdbId,tmdbId\r\n";

std::string movies_body(const Catalog& catalog);
std::string links_body(const Catalog& catalog);

}  // namespace mlgen
