#pragma once
// The user model: when each user was active, how many movies they rate (heavy-tailed, at
// least 20 each as in the official datasets), their rating bias and noise, whether they
// use half stars, and which genres they favour.
#include <cstdint>
#include <vector>

#include "catalog.h"
#include "genres.h"
#include "rng.h"
#include "scale.h"
#include "time_model.h"

namespace mlgen {

struct User {
  uint32_t id = 0;
  int64_t start = 0;        // first and last second of activity
  int64_t end = 0;
  uint32_t ratings = 0;     // number of distinct movies rated
  uint32_t candidates = 0;  // movies available to this user (a prefix of the catalog)
  float bias = 0;           // added to every rating
  float noise = 0.8f;       // spread of ratings around the user's expectation
  float half_stars = 0;     // chance of using a half star (once they exist)
  float activity = 1;       // relative activity weight
  GenreMask favourites = 0; // genres the user seeks out and rates higher
};

// Traits of one user (everything except the rating count), drawn from `rng`: arrival from
// the time model (or a burst day), active period, bias, noise, half-star habit, favourites.
User make_user_traits(Rng& rng, uint32_t id, const TimeModel& time, const Catalog& catalog);

class UserModel {
 public:
  UserModel(const Scale& scale, const Catalog& catalog, const TimeModel& time, uint64_t seed);
  const std::vector<User>& users() const { return users_; }
  uint64_t total_ratings() const { return total_ratings_; }

  // The most ratings a user may have out of `candidates` available movies.
  static uint32_t rating_cap(uint32_t candidates);

 private:
  std::vector<User> users_;
  uint64_t total_ratings_ = 0;
};

// Splits `total` over items with the given weights: each gets at least `minimum`, none more
// than its cap; the result sums to `total` unless the caps make that impossible.
std::vector<uint32_t> distribute(uint64_t total, uint32_t minimum, const std::vector<double>& weights,
                                 const std::vector<uint32_t>& caps);

}  // namespace mlgen
