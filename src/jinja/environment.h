#pragma once
// The shared, configured engine: registered globals/filters/tests/tags, the loader and the
// parse cache. Configure it first (not thread-safe), then parse and render from any number
// of threads: parse()/get_template() are thread-safe and all per-render state lives in the
// render, never here.
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "common/result.h"
#include "jinja/block_tag.h"
#include "jinja/call_context.h"
#include "jinja/loader.h"
#include "jinja/template.h"
#include "jinja/value.h"

namespace strata::jinja {

using FilterFunction = std::function<Result<Value>(CallContext&, const Value& input, CallArgs&)>;
using TestFunction = std::function<Result<bool>(CallContext&, const Value& input, CallArgs&)>;

class Environment {
 public:
  // With Jinja2's built-in filters, tests and globals (range, dict, namespace, ...).
  Environment();
  ~Environment();
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  // --- configuration (before rendering starts) ---
  void add_global(std::string name, Value value);
  void add_function(std::string name, NativeFunction fn);  // a global that is a host function
  void add_filter(std::string name, FilterFunction fn);     // replaces a built-in of that name
  void add_test(std::string name, TestFunction fn);
  void add_block_tag(BlockTag tag);
  void set_loader(std::shared_ptr<const Loader> loader) { loader_ = std::move(loader); }

  // --- parsing (thread-safe, cached by path + content hash) ---
  // On failure, `kind` (if given) receives ErrorKind::Syntax.
  Result<TemplatePtr> parse(std::string source, std::string path, ErrorKind* kind = nullptr) const;
  // The same without the cache, for code parsed once whose template the caller owns (a
  // node's SQL): the cache would keep every such template alive.
  Result<TemplatePtr> parse_uncached(std::string source, std::string path, ErrorKind* kind = nullptr) const;
  // Through the loader (include/import/extends use this). NotFound when missing.
  Result<TemplatePtr> get_template(const std::string& name, ErrorKind* kind = nullptr) const;

  // A global whose value differs between runs (an id, the clock, output): renders that
  // read it report so through RenderSettings::volatile_read, so their results are not reused.
  void mark_volatile(std::string name) { volatile_globals_.insert(std::move(name)); }
  bool is_volatile(std::string_view name) const { return volatile_globals_.find(name) != volatile_globals_.end(); }

  // --- lookups used by the renderer ---
  const Value* global(std::string_view name) const;
  const FilterFunction* filter(std::string_view name) const;
  const TestFunction* test(std::string_view name) const;
  const BlockTag* block_tag(std::string_view name) const;
  const BlockTag* block_tag_closing(std::string_view end_name) const;
  const Loader* loader() const { return loader_.get(); }

 private:
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <class T>
  using NameMap = std::unordered_map<std::string, T, StringHash, std::equal_to<>>;

  NameMap<Value> globals_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> volatile_globals_;
  NameMap<FilterFunction> filters_;
  NameMap<TestFunction> tests_;
  NameMap<BlockTag> block_tags_;
  std::shared_ptr<const Loader> loader_;

  mutable std::shared_mutex cache_mutex_;
  mutable std::unordered_map<std::string, TemplatePtr> cache_;  // key: path + '\0' + hash
};

}  // namespace strata::jinja
