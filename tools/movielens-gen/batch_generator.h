#pragma once
// An incremental batch (--after T): NEW ratings and tags with timestamps in (T, T + span],
// for (user, movie) pairs the base dataset of the same seed and scale does not contain:
// existing users rate movies they had not rated (their base movies are re-derived from the
// same streams and excluded), and new users (ids after the base's last, or from
// first_new_user) join.
#include <cstdint>
#include <string>

#include "catalog.h"
#include "time_model.h"
#include "user_model.h"

namespace mlgen {

struct BatchRequest {
  int64_t after = 0;                 // exclusive lower bound of the batch's timestamps
  int64_t span = 7 * 86400;          // timestamps fall in (after, after + span]
  uint64_t ratings = 0;              // batch size
  double tags_per_rating = 0.0;      // tags written per batch rating (the base's proportion)
  uint32_t first_new_user = 0;       // new users' first id (after every earlier batch's); 0 = after the base's last
};

struct BatchText {
  std::string ratings;               // rows without header
  uint64_t rating_rows = 0;
  std::string tags;
  uint64_t tag_rows = 0;
};

BatchText generate_batch(const BatchRequest& request, const Catalog& catalog, const UserModel& users,
                         const TimeModel& time, uint64_t seed);

}  // namespace mlgen
