#include "time_model.h"

#include <algorithm>
#include <cmath>

#include "calendar.h"

namespace mlgen {
namespace {

// Evening peak (US evenings fall around 00-04 UTC), quiet early morning.
constexpr double kHourWeights[24] = {6.4, 6.6, 6.2, 5.6, 4.6, 3.4, 2.4, 1.8, 1.5, 1.4, 1.6, 2.0,
                                     2.6, 3.1, 3.5, 3.8, 4.0, 4.2, 4.4, 4.6, 4.9, 5.2, 5.6, 6.0};
constexpr double kWeekdayWeights[7] = {1.22, 1.10, 1.00, 0.97, 0.93, 0.82, 0.96};
constexpr double kMonthWeights[12] = {1.18, 1.06, 1.00, 0.94, 0.88, 0.90,
                                      0.98, 0.95, 0.88, 0.94, 1.06, 1.23};
constexpr double kYearlyGrowth = 0.075;  // about 2x every 9 years
constexpr int kBurstCount = 6;

}  // namespace

double weekday_weight(unsigned weekday) { return kWeekdayWeights[weekday % 7]; }
double month_weight(unsigned month) { return kMonthWeights[(month + 11) % 12]; }

TimeModel::TimeModel(uint64_t seed)
    : first_day_(day_of(kFirstTimestamp)), last_day_(day_of(kLastTimestamp)) {
  std::vector<double> day_weights;
  day_weights.reserve(static_cast<size_t>(last_day_ - first_day_ + 1));
  for (int64_t d = first_day_; d <= last_day_; ++d) {
    const CivilDate date = civil_from_days(d);
    const double years = static_cast<double>(d - first_day_) / 365.25;
    day_weights.push_back(std::exp(kYearlyGrowth * years) * month_weight(date.month) *
                          weekday_weight(weekday_from_days(d)));
  }
  days_ = AliasTable(day_weights);
  hours_ = AliasTable(std::vector<double>(std::begin(kHourWeights), std::end(kHourWeights)));

  Rng rng = Rng::for_stream(seed, Stream::Calendar, 0);
  const int64_t burst_from = days_from_civil(1999, 1, 1);
  const int64_t burst_to = std::min<int64_t>(days_from_civil(2022, 12, 31), last_day_ - 30);
  for (int i = 0; i < kBurstCount; ++i) {
    // Spread over the span: one burst per equal slice, at a random day inside it.
    const int64_t slice = (burst_to - burst_from) / kBurstCount;
    burst_days_.push_back(burst_from + i * slice + static_cast<int64_t>(rng.below(static_cast<uint64_t>(slice))));
  }
}

int64_t TimeModel::sample_arrival_day(Rng& rng) const { return first_day_ + days_.sample(rng); }

int64_t TimeModel::sample_second_in_day(Rng& rng, int64_t day) const {
  return day * kSecondsPerDay + static_cast<int64_t>(hours_.sample(rng)) * 3600 +
         static_cast<int64_t>(rng.below(3600));
}

int64_t TimeModel::sample_between(Rng& rng, int64_t lo, int64_t hi) const {
  if (hi <= lo) return lo;
  const int64_t first = day_of(lo), last = day_of(hi);
  if (last - first < 2) return lo + static_cast<int64_t>(rng.below(static_cast<uint64_t>(hi - lo + 1)));
  int64_t day = first;
  for (int attempt = 0; attempt < 4; ++attempt) {
    day = first + static_cast<int64_t>(rng.below(static_cast<uint64_t>(last - first + 1)));
    if (rng.uniform() * 1.22 < weekday_weight(weekday_from_days(day))) break;
  }
  const int64_t t = sample_second_in_day(rng, day);
  if (t < lo || t > hi) return lo + static_cast<int64_t>(rng.below(static_cast<uint64_t>(hi - lo + 1)));
  return t;
}

}  // namespace mlgen
