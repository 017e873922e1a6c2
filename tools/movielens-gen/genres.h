#pragma once
// The MovieLens genre vocabulary (alphabetical, the order genres are listed in movies.csv),
// how common each genre is, and how it shifts the average rating.
#include <cstdint>
#include <string>
#include <string_view>

namespace mlgen {

enum Genre : uint8_t {
  kAction, kAdventure, kAnimation, kChildren, kComedy, kCrime, kDocumentary, kDrama, kFantasy,
  kFilmNoir, kHorror, kImax, kMusical, kMystery, kRomance, kSciFi, kThriller, kWar, kWestern,
  kGenreCount
};
using GenreMask = uint32_t;
constexpr GenreMask genre_bit(Genre g) { return GenreMask{1} << g; }

inline constexpr std::string_view kNoGenresListed = "(no genres listed)";

std::string_view genre_name(int genre);
// Share of movies carrying the genre (about as in ml-20m).
double genre_frequency(int genre);
// Added to a movie's mean rating per genre it carries (Film-Noir and Documentary high,
// Horror low, as in the real data).
double genre_rating_effect(int genre);
// "Adventure|Animation" -> mask; unknown names are ignored.
GenreMask parse_genres(std::string_view pipe_separated);
// mask -> "Adventure|Animation", or "(no genres listed)" for 0.
std::string format_genres(GenreMask mask);

}  // namespace mlgen
