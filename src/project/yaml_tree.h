#pragma once
// A compact, immutable YAML tree built from libyaml's events. One Tree per document owns
// every node (chunked storage, no heap allocation per node besides long scalars); Node is
// a pointer-sized handle into it, valid while the Tree lives. The API mirrors the subset
// of yaml-cpp that strata used, so consumers read the same way; unlike yaml-cpp nothing
// throws: a missing key, a wrong index or a lookup on a non-map gives an undefined Node.
//
// Semantics follow PyYAML's safe_load (what dbt uses): plain ~/null/Null/NULL/empty are
// Null nodes, aliases share the anchored node, merge keys (<<: *a, <<: [*a, *b]) are
// applied with explicit keys winning, a repeated key replaces the earlier value (keeping
// the earlier position), and only the first document of a stream is read.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace strata::yaml {

enum class NodeType : uint8_t { Undefined, Null, Scalar, Sequence, Map };

// 0-based line and column (bytes) and the byte offset, as yaml-cpp's Mark; -1 = unknown.
struct Mark {
  int line = -1;
  int column = -1;
  int pos = -1;
};

// How a scalar was written: typed by YAML 1.1 rules only when plain and untagged.
enum class ScalarStyle : uint8_t { Plain, Quoted, Tagged };

namespace detail {
struct NodeData;
}

class Iterator;

class Node {
 public:
  Node() = default;
  explicit Node(const detail::NodeData* data) : data_(data) {}

  explicit operator bool() const { return data_ != nullptr; }
  bool IsDefined() const { return data_ != nullptr; }
  NodeType Type() const;
  bool IsNull() const { return Type() == NodeType::Null; }
  bool IsScalar() const { return Type() == NodeType::Scalar; }
  bool IsSequence() const { return Type() == NodeType::Sequence; }
  bool IsMap() const { return Type() == NodeType::Map; }

  // Entries of a map, items of a sequence, 0 otherwise.
  size_t size() const;
  // The value for a scalar key of a map; undefined when missing or not a map.
  Node operator[](std::string_view key) const;
  Node operator[](const char* key) const { return (*this)[std::string_view(key)]; }
  Node operator[](const std::string& key) const { return (*this)[std::string_view(key)]; }
  // The item of a sequence; undefined when out of range (or negative) or not a sequence.
  template <typename Index, std::enable_if_t<std::is_integral_v<Index>, int> = 0>
  Node operator[](Index index) const {
    if constexpr (std::is_signed_v<Index>)
      if (index < 0) return Node();
    return item(static_cast<size_t>(index));
  }

  // Maps yield entries (.first/.second), sequences their items; other nodes nothing.
  Iterator begin() const;
  Iterator end() const;

  // A scalar's text; empty for every other node (as yaml-cpp gives for nulls).
  const std::string& Scalar() const;
  ScalarStyle Style() const;
  // yaml-cpp's tag convention: "?" plain, "!" quoted (or the non-specific "!" tag), else
  // the resolved tag (e.g. "tag:yaml.org,2002:str"); empty for non-scalars.
  std::string_view Tag() const;
  // Where the node starts: scalars at their first character (or quote), block maps and
  // sequences at their first key / '-', flow ones at '{' / '['.
  yaml::Mark Mark() const;

  Node item(size_t index) const;

  // Same node (aliases of one anchor are the same node).
  bool is(const Node& other) const { return data_ == other.data_; }

 private:
  const detail::NodeData* data_ = nullptr;
};

// One step of an iteration: for a sequence, the item itself (as a Node); for a map, the
// entry's key and value in .first / .second (the Node part is then undefined).
struct IteratorValue : Node, std::pair<Node, Node> {
  IteratorValue() = default;
  explicit IteratorValue(Node item) : Node(item) {}
  IteratorValue(Node key, Node value) : std::pair<Node, Node>(key, value) {}
};

class Iterator {
 public:
  Iterator() = default;
  Iterator(const detail::NodeData* const* at, bool map) : at_(at), map_(map) {}

  const IteratorValue& operator*() const {
    value_ = map_ ? IteratorValue(Node(at_[0]), Node(at_[1])) : IteratorValue(Node(at_[0]));
    return value_;
  }
  const IteratorValue* operator->() const { return &**this; }
  Iterator& operator++() {
    at_ += map_ ? 2 : 1;
    return *this;
  }
  Iterator operator++(int) {
    Iterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const Iterator& other) const { return at_ == other.at_; }
  bool operator!=(const Iterator& other) const { return at_ != other.at_; }

 private:
  const detail::NodeData* const* at_ = nullptr;
  bool map_ = false;
  mutable IteratorValue value_;
};

class Tree;

struct ParseError {
  std::string message;  // libyaml's problem, with its context ("while parsing a ...") when given
  yaml::Mark mark;      // where the problem is
};

struct ParseResult {
  std::shared_ptr<const Tree> tree;  // null on error
  std::optional<ParseError> error;
};

// Nesting deeper than this is an error (consumers walk trees recursively; PyYAML itself
// stops near Python's recursion limit).
constexpr size_t kMaxDepth = 1000;

// Parses the first document of `text` (an empty stream gives a Null root).
ParseResult parse(std::string_view text);

class Tree {
 public:
  Tree();
  ~Tree();
  Tree(const Tree&) = delete;
  Tree& operator=(const Tree&) = delete;

  Node root() const { return Node(root_); }
  // Nodes allocated (aliases counted once); for tests and statistics.
  size_t node_count() const { return node_count_; }

 private:
  friend class TreeBuilder;
  struct Storage;
  std::unique_ptr<Storage> storage_;
  const detail::NodeData* root_ = nullptr;
  size_t node_count_ = 0;
};

}  // namespace strata::yaml
