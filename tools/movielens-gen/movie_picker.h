#pragma once
// Picks the distinct movies a user rates: mostly by global popularity, partly from the
// user's favourite genres (which is what makes "users who liked X also liked Y" work), only
// among movies already in the catalog during the user's active period.
#include <cstdint>
#include <vector>

#include "catalog.h"
#include "movie_set.h"
#include "rng.h"
#include "user_model.h"

namespace mlgen {

class MoviePicker {
 public:
  explicit MoviePicker(const Catalog& catalog) : catalog_(catalog) {}

  // Appends up to `count` movie indexes (< prefix, drawn from `table` which covers that
  // prefix) that are not yet in `taken`, marking them in `taken`. Order is draw order.
  void pick(Rng& rng, const User& user, uint32_t count, uint32_t prefix, const AliasTable& table,
            MovieSet& taken, std::vector<uint32_t>& out) const;

  // The user's base-dataset movies (what the ratings file holds for them), as indexes.
  // Returns the user's ratings stream positioned just after the draw.
  Rng base_movies(uint64_t seed, const User& user, MovieSet& taken, std::vector<uint32_t>& out) const;

 private:
  void fill_by_weighted_sampling(Rng& rng, const User& user, uint32_t missing, uint32_t prefix,
                                 MovieSet& taken, std::vector<uint32_t>& out) const;
  const Catalog& catalog_;
};

}  // namespace mlgen
