#include "user_model.h"

#include <algorithm>
#include <cmath>

#include "calendar.h"

namespace mlgen {
namespace {

constexpr uint32_t kMinRatings = 20;
constexpr double kBurstUserShare = 0.015;    // users who arrive on an anomalous burst day
constexpr double kSingleSessionShare = 0.4;  // users who rate everything in one sitting
constexpr double kMaxCatalogShare = 0.35;    // nobody rates more than this share of movies

GenreMask pick_favourites(Rng& rng) {
  GenreMask mask = 0;
  const int count = 1 + static_cast<int>(rng.below(3));
  double total = 0;
  for (int g = 0; g < kGenreCount; ++g) total += genre_frequency(g);
  for (int k = 0; k < count; ++k) {
    double x = rng.uniform() * total;
    for (int g = 0; g < kGenreCount; ++g) {
      x -= genre_frequency(g);
      if (x <= 0 || g == kGenreCount - 1) { mask |= GenreMask{1} << g; break; }
    }
  }
  return mask;
}

}  // namespace

User make_user_traits(Rng& rng, uint32_t id, const TimeModel& time, const Catalog& catalog) {
  User u;
  u.id = id;
  int64_t day;
  bool single_session = rng.chance(kSingleSessionShare);
  if (rng.chance(kBurstUserShare)) {
    day = time.burst_days()[rng.below(time.burst_days().size())];
    single_session = true;
  } else {
    day = time.sample_arrival_day(rng);
  }
  u.start = time.sample_second_in_day(rng, day);
  double active_days = 0;
  if (single_session) {
    u.end = u.start + 1800 + static_cast<int64_t>(rng.below(4 * 3600));
  } else {
    active_days = std::exp(rng.normal(std::log(120.0), 1.6));
    u.end = u.start + static_cast<int64_t>(active_days * kSecondsPerDay);
  }
  u.start = std::min(u.start, kLastTimestamp);
  // A user still active when the data ends keeps their natural pace: only the share of the
  // active period inside the data counts (else recent arrivals would crowd the last days).
  const double natural_span = static_cast<double>(std::max<int64_t>(1, u.end - u.start));
  u.end = std::clamp(u.end, u.start, kLastTimestamp);
  const double observed_share = std::max(0.02, static_cast<double>(u.end - u.start) / natural_span);
  u.candidates = catalog.prefix_for_year(year_of(u.end));
  u.bias = static_cast<float>(rng.normal(0.0, 0.35));
  u.noise = static_cast<float>(0.7 + 0.45 * rng.uniform());
  u.half_stars = rng.chance(0.2) ? 0.0f : static_cast<float>(rng.uniform(0.35, 1.0));
  u.activity = static_cast<float>(std::exp(1.25 * rng.normal()) *
                                  (single_session ? 0.7 : 1.0 + std::log1p(active_days) / 5) * observed_share);
  u.favourites = pick_favourites(rng);
  return u;
}

uint32_t UserModel::rating_cap(uint32_t candidates) {
  return std::min(candidates, std::max(kMinRatings, static_cast<uint32_t>(candidates * kMaxCatalogShare)));
}

UserModel::UserModel(const Scale& scale, const Catalog& catalog, const TimeModel& time, uint64_t seed) {
  users_.reserve(scale.users);
  std::vector<double> weights;
  std::vector<uint32_t> caps;
  for (uint32_t id = 1; id <= scale.users; ++id) {
    Rng rng = Rng::for_stream(seed, Stream::User, id);
    users_.push_back(make_user_traits(rng, id, time, catalog));
    weights.push_back(users_.back().activity);
    caps.push_back(rating_cap(users_.back().candidates));
  }
  const uint32_t minimum = static_cast<uint32_t>(
      std::min<uint64_t>(kMinRatings, scale.users ? scale.ratings / scale.users : 0));
  const std::vector<uint32_t> counts = distribute(scale.ratings, minimum, weights, caps);
  for (size_t i = 0; i < users_.size(); ++i) {
    users_[i].ratings = counts[i];
    total_ratings_ += counts[i];
  }
}

std::vector<uint32_t> distribute(uint64_t total, uint32_t minimum, const std::vector<double>& weights,
                                 const std::vector<uint32_t>& caps) {
  const size_t n = weights.size();
  std::vector<uint32_t> counts(n);
  uint64_t assigned = 0;
  for (size_t i = 0; i < n; ++i) {
    counts[i] = std::min(minimum, caps[i]);
    assigned += counts[i];
  }
  // Proportional rounds: hand out what is left in proportion to weight among those with
  // room, until nothing changes; then one at a time, heaviest first.
  for (int round = 0; round < 50 && assigned < total; ++round) {
    double weight_with_room = 0;
    for (size_t i = 0; i < n; ++i)
      if (counts[i] < caps[i]) weight_with_room += weights[i];
    if (weight_with_room <= 0) break;
    const double remaining = static_cast<double>(total - assigned);
    uint64_t added = 0;
    for (size_t i = 0; i < n; ++i) {
      if (counts[i] >= caps[i]) continue;
      const uint64_t share = static_cast<uint64_t>(remaining * weights[i] / weight_with_room);
      const uint32_t give = static_cast<uint32_t>(std::min<uint64_t>(share, caps[i] - counts[i]));
      counts[i] += give;
      added += give;
    }
    assigned += added;
    if (added == 0) break;
  }
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return weights[a] > weights[b]; });
  while (assigned < total) {
    bool progressed = false;
    for (size_t i : order) {
      if (assigned >= total) break;
      if (counts[i] < caps[i]) {
        ++counts[i];
        ++assigned;
        progressed = true;
      }
    }
    if (!progressed) break;
  }
  return counts;
}

}  // namespace mlgen
