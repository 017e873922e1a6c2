#pragma once
// Owns every node of a parsed project and the indexes used to look them up.
#include <string>
#include <unordered_map>
#include <vector>

#include "manifest/node.h"

namespace strata::manifest {

struct Macro {
  std::string unique_id;     // macro.<package>.<name>
  std::string package_name;
  std::string name;
  std::string original_file_path;
  std::string description;
  SourceSpan span;
};

class Manifest {
 public:
  NodeId add(Node node);  // assigns node.id; unique_id must be new
  const Node& node(NodeId id) const { return nodes_[id]; }
  Node& node(NodeId id) { return nodes_[id]; }
  const std::vector<Node>& nodes() const { return nodes_; }
  std::vector<Node>& nodes() { return nodes_; }
  size_t size() const { return nodes_.size(); }

  // kNoNode if absent.
  NodeId find(const std::string& unique_id) const;

  std::vector<Macro> macros;
  std::string project_name;  // the root project's package name

 private:
  std::vector<Node> nodes_;
  std::unordered_map<std::string, NodeId> by_unique_id_;
};

}  // namespace strata::manifest
