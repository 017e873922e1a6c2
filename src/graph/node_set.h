#pragma once
// A set of NodeIds as a bitset: selections over 10,000+ nodes stay cheap to combine.
#include <bit>
#include <cstdint>
#include <vector>

#include "manifest/node.h"

namespace strata::graph {

using manifest::NodeId;

class NodeSet {
 public:
  NodeSet() = default;
  explicit NodeSet(size_t universe) : words_((universe + 63) / 64, 0), universe_(universe) {}

  size_t universe() const { return universe_; }
  bool contains(NodeId id) const {
    return id < universe_ && (words_[id >> 6] >> (id & 63)) & 1u;
  }
  void insert(NodeId id) { words_[id >> 6] |= uint64_t{1} << (id & 63); }
  void erase(NodeId id) { words_[id >> 6] &= ~(uint64_t{1} << (id & 63)); }

  size_t count() const {
    size_t n = 0;
    for (uint64_t w : words_) n += static_cast<size_t>(std::popcount(w));
    return n;
  }
  bool empty() const {
    for (uint64_t w : words_)
      if (w) return false;
    return true;
  }

  NodeSet& operator|=(const NodeSet& other) {
    for (size_t i = 0; i < words_.size() && i < other.words_.size(); ++i) words_[i] |= other.words_[i];
    return *this;
  }
  NodeSet& operator&=(const NodeSet& other) {
    for (size_t i = 0; i < words_.size(); ++i) words_[i] &= i < other.words_.size() ? other.words_[i] : 0;
    return *this;
  }
  NodeSet& operator-=(const NodeSet& other) {
    for (size_t i = 0; i < words_.size() && i < other.words_.size(); ++i) words_[i] &= ~other.words_[i];
    return *this;
  }
  friend NodeSet operator|(NodeSet a, const NodeSet& b) { return a |= b; }
  friend NodeSet operator&(NodeSet a, const NodeSet& b) { return a &= b; }
  friend NodeSet operator-(NodeSet a, const NodeSet& b) { return a -= b; }
  bool operator==(const NodeSet& other) const = default;

  // True if every member of this set is in `other`.
  bool subset_of(const NodeSet& other) const {
    for (size_t i = 0; i < words_.size(); ++i)
      if (words_[i] & ~(i < other.words_.size() ? other.words_[i] : 0)) return false;
    return true;
  }

  // Members in increasing id order.
  template <class F>
  void for_each(F&& f) const {
    for (size_t i = 0; i < words_.size(); ++i) {
      uint64_t w = words_[i];
      while (w) {
        int bit = std::countr_zero(w);
        f(static_cast<NodeId>(i * 64 + static_cast<size_t>(bit)));
        w &= w - 1;
      }
    }
  }
  std::vector<NodeId> ids() const {
    std::vector<NodeId> out;
    for_each([&](NodeId id) { out.push_back(id); });
    return out;
  }

 private:
  std::vector<uint64_t> words_;
  size_t universe_ = 0;
};

}  // namespace strata::graph
