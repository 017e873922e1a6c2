#include "rating_model.h"

#include <algorithm>
#include <cmath>

#include "calendar.h"

namespace mlgen {
namespace {
constexpr double kGlobalMean = 3.22;
constexpr double kFavouriteBonus = 0.25;
constexpr int64_t kHalfStarsMature = 1262304000;  // 2010-01-01: half stars fully adopted
}  // namespace

int rate_movie(Rng& rng, const User& user, const RatedMovie& movie, int64_t timestamp) {
  double mean = kGlobalMean + movie.quality + user.bias + ((movie.genres & user.favourites) ? kFavouriteBonus : 0.0);
  if (movie.polarising) {
    // Which side a user is on is a stable trait of the (user, movie) pair.
    const bool loves = mix64(user.id, movie.id) & 1;
    mean = (loves ? 4.5 : 1.7) + 0.3 * user.bias;
  }
  const double x = mean + user.noise * rng.normal();
  bool half = false;
  if (timestamp >= kHalfStarsIntroduced && user.half_stars > 0) {
    const double maturity = std::min(1.0, 0.8 + 0.2 * static_cast<double>(timestamp - kHalfStarsIntroduced) /
                                                 static_cast<double>(kHalfStarsMature - kHalfStarsIntroduced));
    half = rng.chance(user.half_stars * maturity);
  }
  // floor(x + 0.5) rather than lround: the same for these values, and inlined.
  if (half) return std::clamp(static_cast<int>(std::floor(x * 2 + 0.5)), 1, 10);
  return 2 * std::clamp(static_cast<int>(std::floor(x + 0.5)), 1, 5);
}

}  // namespace mlgen
