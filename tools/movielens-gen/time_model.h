#pragma once
// When people rate: more and more over the years (growth), more in winter than in summer
// (seasonality), more on Sundays than Fridays, mostly in the evening, and a few anomalous
// days (a press mention, a site relaunch) with many times the normal volume.
#include <cstdint>
#include <vector>

#include "alias_table.h"
#include "rng.h"

namespace mlgen {

class TimeModel {
 public:
  explicit TimeModel(uint64_t seed);

  // A day (Unix day number) on which a new user arrives, weighted by growth, month and weekday.
  int64_t sample_arrival_day(Rng& rng) const;
  // A second within `day`, following the hour-of-day profile.
  int64_t sample_second_in_day(Rng& rng, int64_t day) const;
  // A timestamp in [lo, hi] (inclusive) with the weekday and hour profile where the span allows.
  int64_t sample_between(Rng& rng, int64_t lo, int64_t hi) const;

  // Anomalous burst days, sorted.
  const std::vector<int64_t>& burst_days() const { return burst_days_; }
  int64_t first_day() const { return first_day_; }
  int64_t last_day() const { return last_day_; }

 private:
  int64_t first_day_;
  int64_t last_day_;
  AliasTable days_;
  AliasTable hours_;
  std::vector<int64_t> burst_days_;
};

// Relative activity by weekday (0 = Sunday) and by hour of day (UTC).
double weekday_weight(unsigned weekday);
double month_weight(unsigned month);

}  // namespace mlgen
