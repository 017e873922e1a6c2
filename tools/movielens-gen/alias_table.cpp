#include "alias_table.h"

#include <cmath>

namespace mlgen {

AliasTable::AliasTable(const std::vector<double>& weights)
    : size_(static_cast<uint32_t>(weights.size())), columns_(weights.size()) {
  if (size_ == 0) return;
  double total = 0;
  for (double w : weights) total += w > 0 ? w : 0;
  std::vector<double> scaled(size_);
  std::vector<uint32_t> small, large;
  for (uint32_t i = 0; i < size_; ++i) {
    const double w = weights[i] > 0 ? weights[i] : 0;
    scaled[i] = total > 0 ? w * size_ / total : 1.0;
    (scaled[i] < 1.0 ? small : large).push_back(i);
    columns_[i].alias = i;
  }
  // Vose: pair each under-full column with an over-full one.
  while (!small.empty() && !large.empty()) {
    const uint32_t s = small.back();
    small.pop_back();
    const uint32_t l = large.back();
    columns_[s].threshold = static_cast<uint32_t>(std::ldexp(scaled[s], 32) >= 4294967295.0
                                                      ? 4294967295u
                                                      : std::ldexp(scaled[s], 32));
    columns_[s].alias = l;
    scaled[l] = (scaled[l] + scaled[s]) - 1.0;
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // Leftovers are full columns (up to rounding): always accept themselves.
  for (uint32_t i : large) columns_[i].threshold = 4294967295u;
  for (uint32_t i : small) columns_[i].threshold = 4294967295u;
}

}  // namespace mlgen
