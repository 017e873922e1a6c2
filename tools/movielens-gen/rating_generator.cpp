#include "rating_generator.h"

#include <algorithm>

#include "csv_format.h"
#include "rating_model.h"

namespace mlgen {

void append_rating_row(std::string& out, uint32_t user_id, uint32_t movie_id, int halves, int64_t timestamp) {
  char buf[64];
  char* end = buf + sizeof buf;
  char* p = end;
  *--p = '\n';
  *--p = '\r';
  p = format_uint_backwards(static_cast<uint64_t>(timestamp), p);
  *--p = ',';
  *--p = halves % 2 ? '5' : '0';
  *--p = '.';
  *--p = static_cast<char>('0' + halves / 2);
  *--p = ',';
  p = format_uint_backwards(movie_id, p);
  *--p = ',';
  p = format_uint_backwards(user_id, p);
  out.append(p, static_cast<size_t>(end - p));
}

int64_t RatingGenerator::rating_time(Rng& rng, const User& user, int64_t movie_added) const {
  // Users who stay for a while still rate much of their list in the first sitting.
  constexpr int64_t kFirstSitting = 3 * 3600;
  if (movie_added <= user.start && user.end - user.start > 2 * kFirstSitting && rng.chance(0.45))
    return user.start + static_cast<int64_t>(rng.below(kFirstSitting));
  return time_.sample_between(rng, std::max(user.start, movie_added), user.end);
}

uint64_t RatingGenerator::write_users(size_t first, size_t last, std::string& out) const {
  const auto& movies = catalog_.rated();
  MovieSet taken(movies.size());
  std::vector<uint32_t> picks;
  uint64_t rows = 0;
  for (size_t u = first; u < last; ++u) {
    const User& user = users_.users()[u];
    picks.clear();
    Rng rng = picker_.base_movies(seed_, user, taken, picks);
    taken.clear();
    std::sort(picks.begin(), picks.end());  // index order is movieId order
    for (uint32_t index : picks) {
      const RatedMovie& movie = movies[index];
      const int64_t timestamp = rating_time(rng, user, movie.added);
      append_rating_row(out, user.id, movie.id, rate_movie(rng, user, movie, timestamp), timestamp);
    }
    rows += picks.size();
  }
  return rows;
}

}  // namespace mlgen
