#pragma once
// Civil-date arithmetic on Unix days/seconds (UTC), and the time span the data covers.
#include <cstdint>

namespace mlgen {

// The official files span 1995-01-09 (first rating) to 2023-10-12 (ml-32m's last).
constexpr int64_t kFirstTimestamp = 789609600;   // 1995-01-09 00:00:00 UTC
constexpr int64_t kLastTimestamp = 1697155199;   // 2023-10-12 23:59:59 UTC
// MovieLens introduced half stars in February 2003; earlier ratings are whole stars.
constexpr int64_t kHalfStarsIntroduced = 1045526400;  // 2003-02-18
// Tagging arrived in MovieLens at the end of 2005.
constexpr int64_t kTaggingIntroduced = 1135555200;    // 2005-12-26
constexpr int64_t kSecondsPerDay = 86400;

struct CivilDate {
  int year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

// Days since 1970-01-01 for a proleptic Gregorian date, and back.
int64_t days_from_civil(int year, unsigned month, unsigned day);
CivilDate civil_from_days(int64_t days);
// 0 = Sunday ... 6 = Saturday.
unsigned weekday_from_days(int64_t days);

inline int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
inline int64_t day_of(int64_t timestamp) { return floor_div(timestamp, kSecondsPerDay); }
inline int year_of(int64_t timestamp) { return civil_from_days(day_of(timestamp)).year; }
inline int64_t start_of_year(int year) { return days_from_civil(year, 1, 1) * kSecondsPerDay; }

}  // namespace mlgen
