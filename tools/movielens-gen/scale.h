#pragma once
// How big each file is: the real datasets' sizes for the presets, and the ml-20m shape
// scaled to any rating count.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mlgen {

struct Scale {
  std::string name;            // preset name, or "custom"
  uint64_t ratings = 0;
  uint32_t movies = 0;
  uint32_t users = 0;
  uint64_t tags = 0;
  uint32_t taggers = 0;        // users who write tags (a small share of all users)
  uint32_t genome_tags = 0;    // 0 = no genome files (as in ml-latest-small)
  uint32_t genome_movies = 0;  // every genome tag is scored for each of these movies
};

// "small", "1m", "20m", "32m"; nullopt for an unknown name.
std::optional<Scale> preset_scale(std::string_view name);
// The ml-20m proportions scaled to `ratings`, with floors: every user can have at least 20
// distinct ratings, and the catalog has at least 20x the average user's ratings.
Scale scale_for_ratings(uint64_t ratings);

}  // namespace mlgen
