#pragma once
// Walker/Vose alias table: O(1) sampling from a fixed discrete distribution. Used for
// movie popularity, tag popularity, calendar days and hours, where millions of draws are
// made from the same weights.
#include <cstdint>
#include <vector>

#include "rng.h"

namespace mlgen {

class AliasTable {
 public:
  AliasTable() = default;
  explicit AliasTable(const std::vector<double>& weights);

  uint32_t sample(Rng& rng) const {
    const uint64_t r = rng.next();
    const uint32_t column =
        static_cast<uint32_t>((static_cast<uint64_t>(static_cast<uint32_t>(r)) * size_) >> 32);
    const Column& c = columns_[column];
    return static_cast<uint32_t>(r >> 32) < c.threshold ? column : c.alias;
  }
  uint32_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

 private:
  // Threshold and alias side by side: one cache line per draw.
  struct Column {
    uint32_t threshold;  // keep `column` when the draw's high 32 bits are below this
    uint32_t alias;      // otherwise take this one
  };
  uint32_t size_ = 0;
  std::vector<Column> columns_;
};

}  // namespace mlgen
