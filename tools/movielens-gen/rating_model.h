#pragma once
// What a user gives a movie: the movie's quality (genre effects included) plus the user's
// bias, a bonus for favourite genres, a love-or-hate split for polarising movies, and noise;
// rounded to whole stars before half stars existed (2003) and, after, to half stars for
// users who use them (more so in later years).
#include <cstdint>

#include "catalog.h"
#include "rng.h"
#include "user_model.h"

namespace mlgen {

// The rating in half stars: 1 (0.5) .. 10 (5.0).
int rate_movie(Rng& rng, const User& user, const RatedMovie& movie, int64_t timestamp);

}  // namespace mlgen
