#include "scale.h"

#include <algorithm>
#include <cmath>

namespace mlgen {
namespace {

// ml-20m, the reference shape.
constexpr double k20mRatings = 20000263;
constexpr double k20mMovies = 27278;
constexpr double k20mUsers = 138493;
constexpr double k20mTags = 465564;
constexpr double k20mTaggers = 7801;
constexpr uint32_t kGenomeTags = 1128;
constexpr double k20mGenomeMovies = 10381;  // 11,709,768 scores / 1,128 tags
constexpr uint32_t kMinMovies = 200;

uint32_t scaled(double reference, double ratio, uint32_t floor_value) {
  return std::max<uint32_t>(floor_value, static_cast<uint32_t>(std::llround(reference * ratio)));
}

}  // namespace

Scale scale_for_ratings(uint64_t ratings) {
  const double ratio = static_cast<double>(ratings) / k20mRatings;
  Scale s;
  s.name = "custom";
  s.ratings = ratings;
  // At least one user; never so many that a user would get fewer than 20 ratings.
  s.users = std::clamp<uint32_t>(scaled(k20mUsers, ratio, 1), 1,
                                 static_cast<uint32_t>(std::max<uint64_t>(1, ratings / 20)));
  // Movies scale with ratings too, but small catalogs would force every user to rate a
  // large share of them; real small datasets have relatively more movies (ml-1m: 3,706),
  // so the catalog holds at least 20x the average user's ratings.
  const uint32_t per_user = static_cast<uint32_t>(ratings / s.users);
  s.movies = std::max({scaled(k20mMovies, ratio, kMinMovies), per_user * 20});
  s.tags = static_cast<uint64_t>(std::llround(k20mTags * ratio));
  s.taggers = std::min(s.users, scaled(k20mTaggers, ratio, s.tags > 0 ? 1 : 0));
  s.genome_tags = kGenomeTags;
  s.genome_movies = std::min(s.movies, scaled(k20mGenomeMovies, ratio, 10));
  return s;
}

std::optional<Scale> preset_scale(std::string_view name) {
  if (name == "small") {  // ml-latest-small
    Scale s{"small", 100836, 9742, 610, 3683, 58, 0, 0};
    return s;
  }
  if (name == "1m") {
    Scale s = scale_for_ratings(1000000);
    s.name = "1m";
    return s;
  }
  if (name == "20m") {
    Scale s{"20m", 20000263, 27278, 138493, 465564, 7801, kGenomeTags, 10381};
    return s;
  }
  if (name == "32m") {
    // ml-32m ships no genome; scores are sized like ml-25m's genome (13,176 movies x 1,128).
    Scale s{"32m", 32000204, 87585, 200948, 2000072, 15848, kGenomeTags, 13176};
    return s;
  }
  return std::nullopt;
}

}  // namespace mlgen
