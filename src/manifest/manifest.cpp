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

NodeId Manifest::find(const std::string& unique_id) const {
  auto it = by_unique_id_.find(unique_id);
  return it == by_unique_id_.end() ? kNoNode : it->second;
}

}  // namespace strata::manifest
