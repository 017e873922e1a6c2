#include "manifest/manifest.h"

#include <cassert>

namespace strata::manifest {

NodeId Manifest::add(Node node) {
  NodeId id = static_cast<NodeId>(nodes_.size());
  node.id = id;
  auto [it, inserted] = by_unique_id_.emplace(node.unique_id, id);
  assert(inserted && "duplicate unique_id");
  (void)it;
  (void)inserted;
  nodes_.push_back(std::move(node));
  return id;
}

void Manifest::reserve(size_t count) {
  nodes_.reserve(count);
  by_unique_id_.reserve(count);
}

bool Manifest::assign_nodes(std::vector<Node> nodes) {
  nodes_ = std::move(nodes);
  by_unique_id_.clear();
  by_unique_id_.reserve(nodes_.size());
  for (NodeId id = 0; id < nodes_.size(); ++id) {
    nodes_[id].id = id;
    if (!by_unique_id_.emplace(nodes_[id].unique_id, id).second) {
      nodes_.clear();
      by_unique_id_.clear();
      return false;
    }
  }
  return true;
}

NodeId Manifest::find(const std::string& unique_id) const {
  auto it = by_unique_id_.find(unique_id);
  return it == by_unique_id_.end() ? kNoNode : it->second;
}

}  // namespace strata::manifest
