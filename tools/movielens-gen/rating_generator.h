#pragma once
// ratings.csv rows for a range of users: each user's distinct movies in movieId order, a
// timestamp inside the user's active period (and after the movie entered the catalog),
// and a rating from the rating model.
#include <cstdint>
#include <string>

#include "catalog.h"
#include "movie_picker.h"
#include "time_model.h"
#include "user_model.h"

namespace mlgen {

inline constexpr std::string_view kRatingsHeader = "userId,movieId,rating,timestamp\r\n";

// One ratings.csv row.
void append_rating_row(std::string& out, uint32_t user_id, uint32_t movie_id, int halves, int64_t timestamp);

class RatingGenerator {
 public:
  RatingGenerator(const Catalog& catalog, const UserModel& users, const TimeModel& time, uint64_t seed)
      : catalog_(catalog), users_(users), time_(time), picker_(catalog), seed_(seed) {}

  // Appends the rows of users()[first, last) to `out`; returns the row count.
  uint64_t write_users(size_t first, size_t last, std::string& out) const;

 private:
  // When the user rated a movie that entered the catalog at `movie_added`.
  int64_t rating_time(Rng& rng, const User& user, int64_t movie_added) const;

  const Catalog& catalog_;
  const UserModel& users_;
  const TimeModel& time_;
  MoviePicker picker_;
  uint64_t seed_;
};

}  // namespace mlgen
