#include "batch_generator.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "calendar.h"
#include "movie_picker.h"
#include "rating_generator.h"
#include "rating_model.h"
#include "tag_generator.h"
#include "tag_vocabulary.h"

namespace mlgen {
namespace {

constexpr double kNewUserShare = 0.25;   // of the batch's ratings come from new users
constexpr uint32_t kNewUserRatings = 40; // typical size of a new user's first session

struct BatchUser {
  User user;
  bool existing;
  uint32_t count;
};

}  // namespace

BatchText generate_batch(const BatchRequest& request, const Catalog& catalog, const UserModel& users,
                         const TimeModel& time, uint64_t seed) {
  BatchText text;
  if (request.ratings == 0) return text;
  Rng rng = Rng::for_stream(seed, Stream::Batch, static_cast<uint64_t>(request.after));
  const int64_t lo = request.after + 1;
  const int64_t hi = request.after + std::max<int64_t>(1, request.span);
  // Movies in the catalog by the batch's time (at least the initial catalog).
  const int year = std::clamp(year_of(lo), Catalog::kFirstYear, Catalog::kLastYear);
  const uint32_t prefix = catalog.prefix_for_year(year);
  const AliasTable& table = catalog.popularity_for_year(year);

  // Who rates: new users first get whole sessions, existing users share the rest.
  const auto& base = users.users();
  const uint64_t new_ratings = base.empty() ? request.ratings
                                            : static_cast<uint64_t>(std::llround(request.ratings * kNewUserShare));
  const uint32_t new_users = new_ratings == 0 ? 0 : static_cast<uint32_t>(std::max<uint64_t>(1, new_ratings / kNewUserRatings));
  const uint64_t existing_ratings = request.ratings - new_ratings;

  std::vector<BatchUser> batch;
  if (existing_ratings > 0) {
    const uint32_t wanted = static_cast<uint32_t>(
        std::min<uint64_t>(base.size(), std::max<uint64_t>(1, existing_ratings / 6)));
    std::unordered_set<uint32_t> chosen;  // Floyd's algorithm: distinct users
    for (uint64_t j = base.size() - wanted; j < base.size(); ++j) {
      const uint32_t candidate = static_cast<uint32_t>(rng.below(j + 1));
      chosen.insert(chosen.count(candidate) ? static_cast<uint32_t>(j) : candidate);
    }
    std::vector<uint32_t> order(chosen.begin(), chosen.end());
    std::sort(order.begin(), order.end());
    std::vector<double> weights;
    std::vector<uint32_t> caps;
    for (uint32_t index : order) {
      weights.push_back(std::exp(1.0 * rng.normal()));
      // Leave room: what is in the catalog minus what the user already rated.
      caps.push_back(prefix > base[index].ratings ? (prefix - base[index].ratings) / 4 : 0);
    }
    const auto counts = distribute(existing_ratings, 1, weights, caps);
    for (size_t k = 0; k < order.size(); ++k)
      if (counts[k] > 0) batch.push_back({base[order[k]], true, counts[k]});
  }
  for (uint32_t k = 0; k < new_users; ++k) {
    const uint32_t id = static_cast<uint32_t>(base.size()) + 1 + k;
    Rng user_rng = Rng::for_stream(seed, Stream::Batch, (static_cast<uint64_t>(request.after) << 20) ^ id);
    User u = make_user_traits(user_rng, id, time, catalog);
    u.start = lo;
    u.end = hi;
    const uint64_t share = new_ratings / new_users + (k < new_ratings % new_users ? 1 : 0);
    batch.push_back({u, false, static_cast<uint32_t>(std::min<uint64_t>(share, UserModel::rating_cap(prefix)))});
  }

  const auto& movies = catalog.movies();
  const AliasTable tag_popularity = make_tag_popularity();
  MoviePicker picker(catalog);
  MovieSet taken(movies.size());
  std::vector<uint32_t> base_picks, picks;
  for (const BatchUser& entry : batch) {
    const User& user = entry.user;
    taken.clear();
    base_picks.clear();
    picks.clear();
    if (entry.existing) (void)picker.base_movies(seed, user, taken, base_picks);
    Rng user_rng = Rng::for_stream(seed, Stream::BatchTags, mix64(static_cast<uint64_t>(request.after), user.id));
    picker.pick(user_rng, user, entry.count, prefix, table, taken, picks);
    std::sort(picks.begin(), picks.end());
    for (uint32_t index : picks) {
      const Movie& movie = movies[index];
      const int64_t timestamp = time.sample_between(user_rng, lo, hi);
      append_rating_row(text.ratings, user.id, movie.id, rate_movie(user_rng, user, catalog.rated()[index], timestamp), timestamp);
      ++text.rating_rows;
      if (user_rng.chance(request.tags_per_rating)) {
        const std::string tag = choose_tag(user_rng, movie, tag_popularity);
        const int64_t tag_time = std::min(hi, timestamp + static_cast<int64_t>(user_rng.below(600)));
        append_tag_row(text.tags, user.id, movie.id, typed_tag(user_rng, tag, 0), tag_time);
        ++text.tag_rows;
      }
    }
  }
  return text;
}

}  // namespace mlgen
