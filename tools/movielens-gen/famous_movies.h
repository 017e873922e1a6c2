#pragma once
// A few real, well-known movies with their real MovieLens titles, genres and link ids, so
// that demos ("users who liked Toy Story also liked ...") show recognisable names. They are
// placed at the catalog position of their release year and are among the most popular.
#include <span>
#include <string_view>

namespace mlgen {

struct FamousMovie {
  std::string_view title;   // exactly as in movies.csv, year included when it has one
  int year;                 // release year (used for placement even when the title has none)
  std::string_view genres;  // pipe-separated
  std::string_view imdb_id; // 7-digit, zero-padded
  int tmdb_id;              // 0 = empty in links.csv
  bool polarising;          // loved or hated (bimodal ratings)
};

std::span<const FamousMovie> famous_movies();

}  // namespace mlgen
