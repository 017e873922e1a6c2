#include "movie_picker.h"

#include <algorithm>
#include <cmath>

#include "calendar.h"

namespace mlgen {
namespace {
constexpr double kFavouriteShare = 0.35;  // draws made from a favourite genre
}

void MoviePicker::pick(Rng& rng, const User& user, uint32_t count, uint32_t prefix, const AliasTable& table,
                       MovieSet& taken, std::vector<uint32_t>& out) const {
  const size_t target = out.size() + count;
  int favourites[kGenreCount];
  int favourite_count = 0;
  for (int g = 0; g < kGenreCount; ++g)
    if (user.favourites & (GenreMask{1} << g) && !catalog_.genre_members(g).empty()) favourites[favourite_count++] = g;

  // Rejection sampling is fast while the user has rated a small part of the catalog; heavy
  // users (or exhausted attempts) switch to exact weighted sampling without replacement.
  if (static_cast<uint64_t>(count) * 8 <= prefix && !table.empty()) {
    uint64_t attempts = static_cast<uint64_t>(count) * 12 + 100;
    while (out.size() < target && attempts-- > 0) {
      uint32_t index;
      if (favourite_count > 0 && rng.chance(kFavouriteShare)) {
        const int g = favourites[rng.below(static_cast<uint64_t>(favourite_count))];
        index = catalog_.genre_members(g)[catalog_.genre_popularity(g).sample(rng)];
        if (index >= prefix) continue;
      } else {
        index = table.sample(rng);
      }
      if (taken.insert(index)) out.push_back(index);
    }
  }
  if (out.size() < target) fill_by_weighted_sampling(rng, user, static_cast<uint32_t>(target - out.size()), prefix, taken, out);
}

// Efraimidis-Spirakis: each candidate gets the key Exp(1)/weight; the smallest keys win.
void MoviePicker::fill_by_weighted_sampling(Rng& rng, const User& user, uint32_t missing, uint32_t prefix,
                                            MovieSet& taken, std::vector<uint32_t>& out) const {
  std::vector<std::pair<double, uint32_t>> keyed;
  keyed.reserve(prefix);
  const auto& movies = catalog_.movies();
  for (uint32_t i = 0; i < prefix; ++i) {
    if (taken.contains(i)) continue;
    const double weight = movies[i].popularity * ((movies[i].genres & user.favourites) ? 2.0 : 1.0);
    keyed.push_back({-std::log(1.0 - rng.uniform()) / weight, i});
  }
  const size_t take = std::min<size_t>(missing, keyed.size());
  // Only the winners matter, not their order (callers sort by movieId).
  std::nth_element(keyed.begin(), keyed.begin() + static_cast<std::ptrdiff_t>(take), keyed.end());
  for (size_t k = 0; k < take; ++k) {
    taken.insert(keyed[k].second);
    out.push_back(keyed[k].second);
  }
}

Rng MoviePicker::base_movies(uint64_t seed, const User& user, MovieSet& taken, std::vector<uint32_t>& out) const {
  // The ratings stream of a user starts with this draw, so the rating generator and the
  // batch generator (which must avoid these pairs) see the same movies.
  Rng rng = Rng::for_stream(seed, Stream::Ratings, user.id);
  pick(rng, user, user.ratings, user.candidates, catalog_.popularity_for_year(year_of(user.end)), taken, out);
  return rng;
}

}  // namespace mlgen
