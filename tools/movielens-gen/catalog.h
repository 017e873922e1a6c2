#pragma once
// The movie model: ids (increasing, with gaps as in the real files), titles, genres, release
// years, when each movie entered the catalog, its quality and popularity, whether it is
// polarising, its link ids, and the tags that characterise it. Also the popularity tables
// used to pick movies (per catalog year and per genre).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "alias_table.h"
#include "genres.h"
#include "scale.h"

namespace mlgen {

struct Movie {
  uint32_t id = 0;
  int year = 0;               // release year
  GenreMask genres = 0;
  float quality = 0;          // shift of the mean rating (genre effects included)
  double popularity = 0;      // relative chance of being picked
  uint32_t popularity_rank = 0;
  int64_t added = 0;          // when it became available for rating
  bool polarising = false;    // ratings are bimodal (love it or hate it)
  int famous_index = -1;      // index into famous_movies(), or -1
  std::string title;
  std::string imdb_id;        // zero-padded to 7 digits
  uint32_t tmdb_id = 0;       // 0 = empty field
  std::array<uint16_t, 6> tag_profile{};  // indexes into popular_tags()
  uint8_t tag_profile_size = 0;
};

// The fields the rating loop reads, packed (24 bytes) so that the hot loop over millions of
// ratings touches a small array instead of the full Movie records.
struct RatedMovie {
  int64_t added = 0;
  uint32_t id = 0;
  GenreMask genres = 0;
  float quality = 0;
  bool polarising = false;
};

class Catalog {
 public:
  Catalog(const Scale& scale, uint64_t seed);

  const std::vector<Movie>& movies() const { return movies_; }
  size_t size() const { return movies_.size(); }
  const std::vector<RatedMovie>& rated() const { return rated_; }

  // Movies are added in id order, so those available at a time form a prefix of movies().
  // The catalog as of the start of `year` (at least the initial catalog): prefix length and
  // a popularity table over that prefix. Years past the data's end give the whole catalog.
  uint32_t prefix_for_year(int year) const;
  const AliasTable& popularity_for_year(int year) const;
  // Number of movies added at or before `timestamp`.
  uint32_t available_at(int64_t timestamp) const;

  // Movies carrying genre g (indexes into movies()) and a popularity table over them.
  const std::vector<uint32_t>& genre_members(int genre) const { return genre_members_[genre]; }
  const AliasTable& genre_popularity(int genre) const { return genre_tables_[genre]; }

  // Indexes of the movies that have genome scores (the most popular ones), in id order.
  std::vector<uint32_t> genome_movies(uint32_t count) const;

  static constexpr int kFirstYear = 1995;
  static constexpr int kLastYear = 2024;  // start of 2024 is past the last timestamp

 private:
  void place_movies(const Scale& scale, uint64_t seed);
  void assign_popularity(uint64_t seed);
  void build_tables();

  std::vector<Movie> movies_;
  std::vector<RatedMovie> rated_;
  std::vector<uint32_t> year_prefix_;
  std::vector<AliasTable> year_tables_;
  std::array<std::vector<uint32_t>, kGenreCount> genre_members_;
  std::array<AliasTable, kGenreCount> genre_tables_;
};

}  // namespace mlgen
