#pragma once
// IMDb and TMDB ids that look like the real ones: IMDb ids grow with the release year
// (tt0034583 for 1942, tt1375666 for 2010) and are zero-padded to 7 digits in links.csv.
#include <cstdint>
#include <string>

#include "rng.h"

namespace mlgen {

// A typical IMDb numeric id for a movie released in `year` (before de-duplication).
uint32_t typical_imdb_number(Rng& rng, int year);
// A typical TMDB id for a movie released in `year`.
uint32_t typical_tmdb_number(Rng& rng, int year);
// 114709 -> "0114709"; ids of 8 digits print as they are.
std::string format_imdb_id(uint32_t number);

}  // namespace mlgen
