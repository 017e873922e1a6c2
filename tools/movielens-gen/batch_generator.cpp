#include "batch_generator.h"

#include <algorithm>
#include <cmath>

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

  // Who rates: existing users take most of the batch, new users (whole first sessions) the
  // rest, and everything when no existing user had joined by then.
  const auto& base = users.users();
  const uint64_t existing_ratings =
      request.ratings - static_cast<uint64_t>(std::llround(static_cast<double>(request.ratings) * kNewUserShare));

  std::vector<BatchUser> batch;
  uint64_t assigned = 0;
  if (existing_ratings > 0 && !base.empty()) {
    // Existing users who had joined by then, preferring those active recently (weighted
    // sampling without replacement: smallest Exp(1)/weight keys).
    std::vector<std::pair<double, uint32_t>> keyed;
    for (uint32_t i = 0; i < base.size(); ++i) {
      if (base[i].start > lo) continue;
      const double idle_years = static_cast<double>(std::max<int64_t>(0, lo - base[i].end)) / (365.25 * 86400);
      const double weight = base[i].activity * std::exp(-idle_years / 2.0) + 1e-12;
      keyed.push_back({-std::log(1.0 - rng.uniform()) / weight, i});
    }
    const size_t wanted = std::min<size_t>(keyed.size(), std::max<uint64_t>(1, existing_ratings / 6));
    std::nth_element(keyed.begin(), keyed.begin() + static_cast<std::ptrdiff_t>(wanted), keyed.end());
    std::vector<uint32_t> order;
    for (size_t k = 0; k < wanted; ++k) order.push_back(keyed[k].second);
    std::sort(order.begin(), order.end());
    std::vector<double> weights;
    std::vector<uint32_t> caps;
    for (uint32_t index : order) {
      weights.push_back(std::exp(1.0 * rng.normal()));
      // Leave room: what is in the catalog minus what the user already rated.
      caps.push_back(prefix > base[index].ratings ? (prefix - base[index].ratings) / 4 : 0);
    }
    const auto counts = distribute(existing_ratings, 1, weights, caps);
    for (size_t k = 0; k < order.size(); ++k) {
      if (counts[k] == 0) continue;
      batch.push_back({base[order[k]], true, counts[k]});
      assigned += counts[k];
    }
  }
  const uint64_t new_ratings = request.ratings - assigned;
  const uint32_t new_users =
      new_ratings == 0 ? 0 : static_cast<uint32_t>(std::max<uint64_t>(1, new_ratings / kNewUserRatings));
  const uint32_t first_id = std::max(request.first_new_user, static_cast<uint32_t>(base.size()) + 1);
  for (uint32_t k = 0; k < new_users; ++k) {
    const uint32_t id = first_id + k;
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
