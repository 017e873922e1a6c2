#include "link_ids.h"

#include <cmath>
#include <cstdio>

namespace mlgen {
namespace {

struct Anchor {
  int year;
  double imdb;
  double tmdb;
};
// Rough medians of real ids by release year.
constexpr Anchor kAnchors[] = {
    {1900, 1000, 60000},     {1920, 11000, 50000},    {1940, 32000, 30000},
    {1960, 54000, 20000},    {1980, 81000, 15000},    {1995, 114000, 9000},
    {2000, 210000, 20000},   {2005, 420000, 15000},   {2010, 1400000, 40000},
    {2015, 3500000, 300000}, {2020, 9000000, 600000}, {2025, 16000000, 1000000},
};

double interpolate(int year, double Anchor::*field) {
  if (year <= kAnchors[0].year) return kAnchors[0].*field;
  for (size_t i = 1; i < std::size(kAnchors); ++i) {
    if (year <= kAnchors[i].year) {
      const Anchor& a = kAnchors[i - 1];
      const Anchor& b = kAnchors[i];
      const double t = static_cast<double>(year - a.year) / (b.year - a.year);
      return a.*field + t * (b.*field - a.*field);
    }
  }
  return kAnchors[std::size(kAnchors) - 1].*field;
}

}  // namespace

uint32_t typical_imdb_number(Rng& rng, int year) {
  return static_cast<uint32_t>(interpolate(year, &Anchor::imdb) * rng.uniform(0.75, 1.3)) + 1;
}

uint32_t typical_tmdb_number(Rng& rng, int year) {
  // Log-uniform spread over two orders of magnitude around the typical id.
  return static_cast<uint32_t>(interpolate(year, &Anchor::tmdb) * std::exp(rng.uniform(-2.3, 2.3))) + 1;
}

std::string format_imdb_id(uint32_t number) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%07u", number);
  return buf;
}

}  // namespace mlgen
