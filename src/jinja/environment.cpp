#include "jinja/environment.h"

#include "jinja/builtins.h"
#include "jinja/parser.h"

namespace strata::jinja {

Environment::Environment() {
  register_builtin_filters(*this);
  register_builtin_tests(*this);
  register_builtin_globals(*this);
}

Environment::~Environment() = default;

void Environment::add_global(std::string name, Value value) { globals_[std::move(name)] = std::move(value); }

void Environment::add_function(std::string name, NativeFunction fn) {
  std::string label = name;
  globals_[std::move(name)] = Value::function(std::move(label), std::move(fn));
}

void Environment::add_filter(std::string name, FilterFunction fn) { filters_[std::move(name)] = std::move(fn); }
void Environment::add_test(std::string name, TestFunction fn) { tests_[std::move(name)] = std::move(fn); }
void Environment::add_block_tag(BlockTag tag) {
  std::string name = tag.name;
  block_tags_[std::move(name)] = std::move(tag);
}

const Value* Environment::global(std::string_view name) const {
  auto it = globals_.find(name);
  return it == globals_.end() ? nullptr : &it->second;
}
const FilterFunction* Environment::filter(std::string_view name) const {
  auto it = filters_.find(name);
  return it == filters_.end() ? nullptr : &it->second;
}
const TestFunction* Environment::test(std::string_view name) const {
  auto it = tests_.find(name);
  return it == tests_.end() ? nullptr : &it->second;
}
const BlockTag* Environment::block_tag(std::string_view name) const {
  auto it = block_tags_.find(name);
  return it == block_tags_.end() ? nullptr : &it->second;
}
const BlockTag* Environment::block_tag_closing(std::string_view end_name) const {
  if (end_name.substr(0, 3) != "end") return nullptr;
  return block_tag(end_name.substr(3));
}

Result<TemplatePtr> Environment::parse(std::string source, std::string path, ErrorKind* kind) const {
  std::string key = path;
  key += '\0';
  key += std::to_string(std::hash<std::string>{}(source));
  {
    std::shared_lock lock(cache_mutex_);
    auto it = cache_.find(key);
    if (it != cache_.end() && it->second->source()->content == source) return it->second;
  }
  auto text = std::make_shared<SourceText>(SourceText{std::move(path), std::move(source)});
  SyntaxError error;
  auto root = parse_template(text->content, this, error);
  if (!root) {
    if (kind) *kind = ErrorKind::Syntax;
    return Error(ErrorCode::TemplateSyntax, error.message, SourceSpan::at_offset(text, error.offset, error.length));
  }
  auto tmpl = std::make_shared<const Template>(this, text, std::move(root));
  std::unique_lock lock(cache_mutex_);
  auto [it, inserted] = cache_.emplace(std::move(key), tmpl);
  if (!inserted && it->second->source()->content == tmpl->source()->content) return it->second;
  return TemplatePtr(tmpl);
}

Result<TemplatePtr> Environment::parse_uncached(std::string source, std::string path, ErrorKind* kind) const {
  auto text = std::make_shared<SourceText>(SourceText{std::move(path), std::move(source)});
  SyntaxError error;
  auto root = parse_template(text->content, this, error);
  if (!root) {
    if (kind) *kind = ErrorKind::Syntax;
    return Error(ErrorCode::TemplateSyntax, error.message, SourceSpan::at_offset(text, error.offset, error.length));
  }
  return TemplatePtr(std::make_shared<const Template>(this, text, std::move(root)));
}

Result<TemplatePtr> Environment::get_template(const std::string& name, ErrorKind* kind) const {
  if (!loader_) {
    if (kind) *kind = ErrorKind::NotFound;
    return Error(ErrorCode::TemplateRuntime, name).with_hint("no template loader is configured");
  }
  auto loaded = loader_->load(name);
  if (!loaded.ok()) {
    if (kind) *kind = ErrorKind::Runtime;
    return std::move(loaded).error();
  }
  if (!*loaded) {
    if (kind) *kind = ErrorKind::NotFound;
    return Error(ErrorCode::TemplateRuntime, name);
  }
  return parse(std::move((*loaded)->content), std::move((*loaded)->path), kind);
}

}  // namespace strata::jinja

namespace strata::jinja {

const Value* TagHeader::option(std::string_view key) const {
  for (const TagOption& o : options) {
    if (o.key == key) return &o.value;
  }
  return nullptr;
}

}  // namespace strata::jinja
