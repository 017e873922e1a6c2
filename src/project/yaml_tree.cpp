#include "project/yaml_tree.h"

#include <yaml.h>

#include <algorithm>
#include <unordered_map>
#include <vector>

namespace strata::yaml {

namespace detail {

// 64 bytes: the scalar (SSO keeps keys and short values inline), children or tag, counts
// and the position.
struct NodeData {
  std::string scalar;
  union {
    const NodeData* const* children;  // maps: key, value, key, value...; sequences: items
    const std::string* tag;           // Tagged scalars
  };
  uint32_t count = 0;     // map entries / sequence items
  uint32_t expanded = 1;  // nodes in the subtree with aliases expanded (saturating)
  int32_t line = -1;
  int32_t column = -1;
  int32_t pos = -1;
  NodeType type = NodeType::Null;
  ScalarStyle style = ScalarStyle::Plain;

  NodeData() : children(nullptr) {}
};

}  // namespace detail

using detail::NodeData;

namespace {

const std::string kEmpty;

}  // namespace

// ---- Node -------------------------------------------------------------------------------

NodeType Node::Type() const { return data_ ? data_->type : NodeType::Undefined; }

size_t Node::size() const {
  return data_ && (data_->type == NodeType::Map || data_->type == NodeType::Sequence) ? data_->count : 0;
}

Node Node::operator[](std::string_view key) const {
  if (!data_ || data_->type != NodeType::Map) return Node();
  // Keys are unique after the build (a repeated key replaced the earlier entry).
  const NodeData* const* entries = data_->children;
  for (uint32_t i = 0; i < data_->count; ++i) {
    const NodeData* k = entries[2 * i];
    if (k->type == NodeType::Scalar && k->scalar == key) return Node(entries[2 * i + 1]);
  }
  return Node();
}

Node Node::item(size_t index) const {
  if (!data_ || data_->type != NodeType::Sequence || index >= data_->count) return Node();
  return Node(data_->children[index]);
}

Iterator Node::begin() const {
  if (!data_ || (data_->type != NodeType::Map && data_->type != NodeType::Sequence)) return Iterator();
  return Iterator(data_->children, data_->type == NodeType::Map);
}

Iterator Node::end() const {
  if (!data_ || (data_->type != NodeType::Map && data_->type != NodeType::Sequence)) return Iterator();
  bool map = data_->type == NodeType::Map;
  return Iterator(data_->children + (map ? 2 * size_t{data_->count} : data_->count), map);
}

const std::string& Node::Scalar() const { return data_ && data_->type == NodeType::Scalar ? data_->scalar : kEmpty; }

ScalarStyle Node::Style() const { return data_ ? data_->style : ScalarStyle::Plain; }

std::string_view Node::Tag() const {
  if (!data_ || data_->type != NodeType::Scalar) return {};
  switch (data_->style) {
    case ScalarStyle::Plain: return "?";
    case ScalarStyle::Quoted: return "!";
    case ScalarStyle::Tagged: return *data_->tag;
  }
  return {};
}

Mark Node::Mark() const {
  if (!data_) return yaml::Mark{};
  return yaml::Mark{data_->line, data_->column, data_->pos};
}

// ---- Tree storage ---------------------------------------------------------------------

// Chunks grow geometrically so a 5-line file stays small and a 5 MB one makes few chunks.
struct Tree::Storage {
  std::vector<std::unique_ptr<NodeData[]>> node_chunks;
  size_t node_used = 0, node_capacity = 0;
  std::vector<std::unique_ptr<const NodeData*[]>> pointer_chunks;
  size_t pointer_used = 0, pointer_capacity = 0;
  std::vector<std::unique_ptr<std::string>> tags;

  NodeData* new_node() {
    if (node_used == node_capacity) {
      node_capacity = std::min<size_t>(node_capacity ? node_capacity * 2 : 32, 8192);
      node_chunks.push_back(std::make_unique<NodeData[]>(node_capacity));
      node_used = 0;
    }
    return &node_chunks.back()[node_used++];
  }

  const NodeData** new_pointers(size_t n) {
    if (n == 0) return nullptr;  // an empty collection
    if (pointer_capacity - pointer_used < n) {
      size_t next = std::min<size_t>(pointer_capacity ? pointer_capacity * 2 : 64, 16384);
      pointer_capacity = std::max(next, n);
      pointer_chunks.push_back(std::make_unique<const NodeData*[]>(pointer_capacity));
      pointer_used = 0;
    }
    const NodeData** out = pointer_chunks.back().get() + pointer_used;
    pointer_used += n;
    return out;
  }
};

Tree::Tree() : storage_(std::make_unique<Storage>()) {}
Tree::~Tree() = default;

// ---- Building from events ---------------------------------------------------------------

namespace {

// libyaml's marks count characters; strata's spans count bytes. Converts a character index
// to a byte offset and a byte offset to 0-based line and column ('\n' ends a line).
class PositionMap {
 public:
  explicit PositionMap(std::string_view text) : text_(text) {
    ascii_ = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    // libyaml skips a UTF-8 byte order mark without counting it.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") bom_ = 3;
    cursor_byte_ = bom_;
    line_starts_.push_back(0);
    for (size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) line_starts_.push_back(i + 1);
  }

  size_t byte_offset(size_t char_index) {
    if (ascii_) return std::min(char_index, text_.size());
    if (char_index < cursor_char_) {
      cursor_char_ = 0;
      cursor_byte_ = bom_;
    }
    while (cursor_char_ < char_index && cursor_byte_ < text_.size()) {
      ++cursor_byte_;
      while (cursor_byte_ < text_.size() && (static_cast<unsigned char>(text_[cursor_byte_]) & 0xC0) == 0x80) ++cursor_byte_;
      ++cursor_char_;
    }
    return cursor_byte_;
  }

  Mark mark(size_t char_index) {
    size_t offset = byte_offset(char_index);
    // Marks arrive mostly in order: move the line cursor forward, search when going back.
    if (offset < line_starts_[line_]) {
      line_ = static_cast<size_t>(std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - line_starts_.begin()) - 1;
    } else {
      while (line_ + 1 < line_starts_.size() && line_starts_[line_ + 1] <= offset) ++line_;
    }
    auto clamp = [](size_t v) { return static_cast<int>(std::min<size_t>(v, INT32_MAX)); };
    return Mark{clamp(line_), clamp(offset - line_starts_[line_]), clamp(offset)};
  }

 private:
  std::string_view text_;
  bool ascii_ = true;
  std::vector<size_t> line_starts_;
  size_t line_ = 0;
  size_t bom_ = 0;
  size_t cursor_char_ = 0, cursor_byte_ = 0;
};

bool is_null_text(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

constexpr std::string_view kNullTag = "tag:yaml.org,2002:null";
constexpr std::string_view kMergeTag = "tag:yaml.org,2002:merge";

uint32_t add_saturating(uint32_t a, uint32_t b) { return a > UINT32_MAX - b ? UINT32_MAX : a + b; }

// Keys that are the same for lookups and duplicate detection: equal scalar text, or both null.
bool same_key(const NodeData* a, const NodeData* b) {
  if (a->type != b->type) return false;
  if (a->type == NodeType::Null) return true;
  return a->type == NodeType::Scalar && a->scalar == b->scalar;
}

}  // namespace

class TreeBuilder {
 public:
  TreeBuilder(std::string_view text, Tree& tree) : text_(text), positions_(text), tree_(tree), storage_(*tree.storage_) {}

  std::optional<ParseError> build() {
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) return ParseError{"out of memory", Mark{}};
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text_.data()), text_.size());
    std::optional<ParseError> error;
    bool done = false;
    while (!done && !error) {
      yaml_event_t event;
      if (!yaml_parser_parse(&parser, &event)) {
        error = parser_error(parser);
        break;
      }
      error = handle(event, done);
      yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    if (error) return error;
    if (!tree_.root_) {  // an empty stream or a document of comments
      NodeData* null = storage_.new_node();
      null->line = null->column = null->pos = 0;
      tree_.root_ = null;
      ++tree_.node_count_;
    }
    return std::nullopt;
  }

 private:
  struct Frame {
    NodeData* node;
    std::string anchor;
  };

  ParseError parser_error(const yaml_parser_t& parser) {
    std::string message = parser.problem ? parser.problem : "cannot be read";
    Mark mark;
    if (parser.error == YAML_READER_ERROR) {
      // The reader reports a byte offset (e.g. invalid UTF-8).
      size_t offset = std::min(parser.problem_offset, text_.size());
      size_t line_start = offset == 0 ? std::string_view::npos : text_.rfind('\n', offset - 1);
      line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
      auto line = std::count(text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
      mark = Mark{static_cast<int>(line), static_cast<int>(offset - line_start), static_cast<int>(offset)};
    } else if (parser.error == YAML_MEMORY_ERROR) {
      message = "out of memory";
    } else {
      mark = positions_.mark(parser.problem_mark.index);
      if (parser.context) {
        Mark at = positions_.mark(parser.context_mark.index);
        message += " (" + std::string(parser.context) + " that starts at line " + std::to_string(at.line + 1) +
                   ", column " + std::to_string(at.column + 1) + ")";
      }
    }
    return ParseError{std::move(message), mark};
  }

  std::optional<ParseError> handle(const yaml_event_t& event, bool& done) {
    switch (event.type) {
      case YAML_DOCUMENT_END_EVENT:
      case YAML_STREAM_END_EVENT: done = true; return std::nullopt;
      case YAML_SCALAR_EVENT: return scalar(event);
      case YAML_ALIAS_EVENT: {
        auto found = anchors_.find(reinterpret_cast<const char*>(event.data.alias.anchor));
        if (found == anchors_.end())
          return ParseError{"found undefined alias '" + std::string(reinterpret_cast<const char*>(event.data.alias.anchor)) + "'",
                            positions_.mark(event.start_mark.index)};
        return attach(found->second);
      }
      case YAML_SEQUENCE_START_EVENT:
        return open(event, NodeType::Sequence, event.data.sequence_start.anchor);
      case YAML_MAPPING_START_EVENT:
        return open(event, NodeType::Map, event.data.mapping_start.anchor);
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: return close();
      default: return std::nullopt;  // stream and document starts
    }
  }

  NodeData* new_node(const yaml_mark_t& at) {
    NodeData* node = storage_.new_node();
    Mark mark = positions_.mark(at.index);
    node->line = mark.line;
    node->column = mark.column;
    node->pos = mark.pos;
    ++tree_.node_count_;
    return node;
  }

  std::optional<ParseError> scalar(const yaml_event_t& event) {
    const auto& s = event.data.scalar;
    NodeData* node = new_node(event.start_mark);
    std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
    std::string_view tag = s.tag ? std::string_view(reinterpret_cast<const char*>(s.tag)) : std::string_view();
    if (tag.empty()) {
      node->style = s.style == YAML_PLAIN_SCALAR_STYLE ? ScalarStyle::Plain : ScalarStyle::Quoted;
    } else if (tag == "!") {
      node->style = ScalarStyle::Quoted;  // the non-specific tag: a string
    } else {
      node->style = ScalarStyle::Tagged;
      storage_.tags.push_back(std::make_unique<std::string>(tag));
      node->tag = storage_.tags.back().get();
    }
    bool null = (node->style == ScalarStyle::Plain && is_null_text(value)) || tag == kNullTag;
    if (null) {
      node->type = NodeType::Null;
    } else {
      node->type = NodeType::Scalar;
      node->scalar.assign(value);
    }
    if (s.anchor)
      if (auto error = define_anchor(reinterpret_cast<const char*>(s.anchor), node)) return error;
    return attach(node);
  }

  std::optional<ParseError> open(const yaml_event_t& event, NodeType type, const yaml_char_t* anchor) {
    if (frames_.size() >= kMaxDepth)
      return ParseError{"the YAML is nested deeper than " + std::to_string(kMaxDepth) + " levels",
                        positions_.mark(event.start_mark.index)};
    NodeData* node = new_node(event.start_mark);
    node->type = type;
    if (frames_.size() == children_.size()) children_.emplace_back();
    children_[frames_.size()].clear();
    // The anchor is registered when the collection is complete, so an alias inside it
    // (which would make a cycle) is an undefined alias instead.
    frames_.push_back(Frame{node, anchor ? std::string(reinterpret_cast<const char*>(anchor)) : std::string()});
    return std::nullopt;
  }

  std::optional<ParseError> close() {
    Frame frame = std::move(frames_.back());
    frames_.pop_back();
    std::vector<const NodeData*>& items = children_[frames_.size()];
    NodeData* node = frame.node;
    if (node->type == NodeType::Map) {
      if (auto error = flatten_map(items)) return error;
    }
    uint32_t expanded = 1;
    for (const NodeData* child : items) expanded = add_saturating(expanded, child->expanded);
    node->expanded = expanded;
    // Aliases can make a small file stand for an enormous tree ("billion laughs").
    if (expanded > kMaxExpanded && expanded > 64 * tree_.node_count_)
      return ParseError{"aliases in this YAML expand to more than " + std::to_string(kMaxExpanded) + " nodes",
                        Mark{node->line, node->column, node->pos}};
    const NodeData** stored = storage_.new_pointers(items.size());
    std::copy(items.begin(), items.end(), stored);
    node->children = stored;
    node->count = static_cast<uint32_t>(node->type == NodeType::Map ? items.size() / 2 : items.size());
    if (!frame.anchor.empty())
      if (auto error = define_anchor(frame.anchor, node)) return error;
    return attach(node);
  }

  // PyYAML rejects a second anchor of the same name (YAML itself would let it rebind).
  std::optional<ParseError> define_anchor(const std::string& name, const NodeData* node) {
    if (!anchors_.emplace(name, node).second)
      return ParseError{"found duplicate anchor '" + name + "'", Mark{node->line, node->column, node->pos}};
    return std::nullopt;
  }

  std::optional<ParseError> attach(const NodeData* node) {
    if (frames_.empty()) {
      if (!tree_.root_) tree_.root_ = node;
      return std::nullopt;
    }
    children_[frames_.size() - 1].push_back(node);
    return std::nullopt;
  }

  static bool is_merge_key(const NodeData* key) {
    return key->type == NodeType::Scalar &&
           ((key->style == ScalarStyle::Plain && key->scalar == "<<") ||
            (key->style == ScalarStyle::Tagged && *key->tag == kMergeTag));
  }

  // PyYAML's flatten_mapping and dict construction: merged entries first (for a list of
  // maps, the later maps first, so the first map wins), then the explicit ones; a repeated
  // key keeps its first position and takes the last value.
  std::optional<ParseError> flatten_map(std::vector<const NodeData*>& entries) {
    bool has_merge = false;
    for (size_t i = 0; i < entries.size(); i += 2) has_merge = has_merge || is_merge_key(entries[i]);
    if (has_merge) {
      std::vector<const NodeData*> merged, explicit_entries;
      for (size_t i = 0; i < entries.size(); i += 2) {
        const NodeData* key = entries[i];
        const NodeData* value = entries[i + 1];
        if (!is_merge_key(key)) {
          explicit_entries.push_back(key);
          explicit_entries.push_back(value);
          continue;
        }
        auto not_mergeable = [&](const NodeData* at) {
          return ParseError{"expected a mapping or a list of mappings for merging ('<<')", Mark{at->line, at->column, at->pos}};
        };
        if (value->type == NodeType::Map) {
          merged.insert(merged.end(), value->children, value->children + 2 * size_t{value->count});
        } else if (value->type == NodeType::Sequence) {
          for (size_t j = value->count; j-- > 0;) {
            const NodeData* map = value->children[j];
            if (map->type != NodeType::Map) return not_mergeable(map);
            merged.insert(merged.end(), map->children, map->children + 2 * size_t{map->count});
          }
        } else {
          return not_mergeable(value);
        }
      }
      merged.insert(merged.end(), explicit_entries.begin(), explicit_entries.end());
      entries = std::move(merged);
    }
    remove_repeated_keys(entries);
    return std::nullopt;
  }

  void remove_repeated_keys(std::vector<const NodeData*>& entries) {
    size_t n = entries.size() / 2;
    if (n < 2) return;
    // Small maps (nearly all): compare pairwise; large ones: index the keys.
    if (n <= 24) {
      bool repeated = false;
      for (size_t i = 1; i < n && !repeated; ++i)
        for (size_t j = 0; j < i && !repeated; ++j) repeated = same_key(entries[2 * i], entries[2 * j]);
      if (!repeated) return;
    }
    std::unordered_map<std::string_view, size_t> first;  // scalar key -> entry index in `out`
    first.reserve(n);
    std::optional<size_t> null_key;
    std::vector<const NodeData*> out;
    out.reserve(entries.size());
    for (size_t i = 0; i < n; ++i) {
      const NodeData* key = entries[2 * i];
      const NodeData* value = entries[2 * i + 1];
      std::optional<size_t> earlier;
      if (key->type == NodeType::Scalar) {
        auto [it, inserted] = first.emplace(key->scalar, out.size() / 2);
        if (!inserted) earlier = it->second;
      } else if (key->type == NodeType::Null) {
        if (null_key) earlier = null_key;
        else null_key = out.size() / 2;
      }
      if (earlier) {
        out[2 * *earlier + 1] = value;
      } else {
        out.push_back(key);
        out.push_back(value);
      }
    }
    entries = std::move(out);
  }

  static constexpr uint32_t kMaxExpanded = 5'000'000;

  std::string_view text_;
  PositionMap positions_;
  Tree& tree_;
  Tree::Storage& storage_;
  std::vector<Frame> frames_;
  std::vector<std::vector<const NodeData*>> children_;  // by depth, reused between collections
  std::unordered_map<std::string, const NodeData*> anchors_;
};

ParseResult parse(std::string_view text) {
  auto tree = std::make_shared<Tree>();
  TreeBuilder builder(text, *tree);
  if (auto error = builder.build()) return ParseResult{nullptr, std::move(error)};
  return ParseResult{std::move(tree), std::nullopt};
}

}  // namespace strata::yaml
