#pragma once
// A reusable set of movie indexes (a bitset plus the list of members, so clearing costs
// only the members). One per worker thread; it marks what a user has already rated.
#include <cstdint>
#include <vector>

namespace mlgen {

class MovieSet {
 public:
  explicit MovieSet(size_t universe) : bits_((universe + 63) / 64, 0) {}
  bool insert(uint32_t index) {
    uint64_t& word = bits_[index >> 6];
    const uint64_t bit = uint64_t{1} << (index & 63);
    if (word & bit) return false;
    word |= bit;
    members_.push_back(index);
    return true;
  }
  bool contains(uint32_t index) const { return bits_[index >> 6] >> (index & 63) & 1; }
  void clear() {
    for (uint32_t index : members_) bits_[index >> 6] = 0;
    members_.clear();
  }
  size_t size() const { return members_.size(); }

 private:
  std::vector<uint64_t> bits_;
  std::vector<uint32_t> members_;
};

}  // namespace mlgen
