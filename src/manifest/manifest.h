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
  std::string macro_sql;                       // the whole {% macro %}...{% endmacro %} text
  std::vector<std::string> depends_on_macros;  // macro unique_ids it calls
};

// A {% docs name %}...{% enddocs %} block.
struct DocBlock {
  std::string unique_id;  // doc.<package>.<name>
  std::string package_name;
  std::string name;
  std::string path;                // relative to the docs folder, e.g. overview.md
  std::string original_file_path;  // relative to the package root, e.g. models/overview.md
  std::string block_contents;
};

class Manifest {
 public:
  NodeId add(Node node);  // assigns node.id; unique_id must be new
  // Room for `count` nodes in all, so adding that many moves no node (a Node is large).
  void reserve(size_t count);
  // Replaces every node at once (ids = positions); false, with no nodes, if two share a
  // unique_id. Cheaper than add() per node for a whole decoded manifest.
  bool assign_nodes(std::vector<Node> nodes);
  const Node& node(NodeId id) const { return nodes_[id]; }
  Node& node(NodeId id) { return nodes_[id]; }
  const std::vector<Node>& nodes() const { return nodes_; }
  std::vector<Node>& nodes() { return nodes_; }
  size_t size() const { return nodes_.size(); }

  // kNoNode if absent.
  NodeId find(const std::string& unique_id) const;

  std::vector<Macro> macros;
  std::vector<DocBlock> docs;
  std::string project_name;  // the root project's package name
  // Nodes with `enabled: false`, as parsed (ids kNoNode, no resolved dependencies): kept
  // for manifest.json's "disabled" section, never selected, run or ref'd.
  std::vector<Node> disabled;

 private:
  std::vector<Node> nodes_;
  std::unordered_map<std::string, NodeId> by_unique_id_;
};

}  // namespace strata::manifest
