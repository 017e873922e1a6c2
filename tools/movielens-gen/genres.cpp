#include "genres.h"

namespace mlgen {
namespace {

struct GenreInfo {
  std::string_view name;
  double frequency;
  double rating_effect;
};

constexpr GenreInfo kGenres[kGenreCount] = {
    {"Action", 0.13, -0.12},    {"Adventure", 0.08, -0.04}, {"Animation", 0.037, 0.10},
    {"Children", 0.042, -0.18}, {"Comedy", 0.31, -0.10},    {"Crime", 0.11, 0.08},
    {"Documentary", 0.09, 0.30}, {"Drama", 0.48, 0.14},     {"Fantasy", 0.051, -0.04},
    {"Film-Noir", 0.012, 0.38}, {"Horror", 0.10, -0.38},    {"IMAX", 0.007, 0.06},
    {"Musical", 0.038, 0.02},   {"Mystery", 0.056, 0.08},   {"Romance", 0.15, 0.02},
    {"Sci-Fi", 0.064, -0.06},   {"Thriller", 0.15, -0.04},  {"War", 0.044, 0.22},
    {"Western", 0.025, 0.05},
};

}  // namespace

std::string_view genre_name(int genre) { return kGenres[genre].name; }
double genre_frequency(int genre) { return kGenres[genre].frequency; }
double genre_rating_effect(int genre) { return kGenres[genre].rating_effect; }

GenreMask parse_genres(std::string_view text) {
  GenreMask mask = 0;
  while (!text.empty()) {
    const size_t bar = text.find('|');
    const std::string_view name = text.substr(0, bar);
    for (int g = 0; g < kGenreCount; ++g)
      if (kGenres[g].name == name) mask |= GenreMask{1} << g;
    if (bar == std::string_view::npos) break;
    text.remove_prefix(bar + 1);
  }
  return mask;
}

std::string format_genres(GenreMask mask) {
  if (mask == 0) return std::string(kNoGenresListed);
  std::string out;
  for (int g = 0; g < kGenreCount; ++g) {
    if (!(mask & (GenreMask{1} << g))) continue;
    if (!out.empty()) out += '|';
    out += kGenres[g].name;
  }
  return out;
}

}  // namespace mlgen
