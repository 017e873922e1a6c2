#include "parser/parse_cache.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <functional>
#include <unordered_map>

#include "common/parallel.h"
#include "parser/binary_io.h"

namespace strata::parser {

using manifest::Json;
using manifest::Node;

namespace {

// Bumped whenever the layout below or the meaning of a cached field changes.
constexpr uint64_t kFormatVersion = 6;  // 6: disabled nodes; 5: depends_on.macros recorded; 4: file stamps in ns since 1970 (st_mtim)
constexpr std::string_view kMagic = "strata-parse-cache";
// A file whose mtime is this close to (or after) the start of the cached parse may have
// been written again within the same timestamp tick: its content is re-checked.
constexpr int64_t kRacyWindowNs = 2'000'000'000;

// Shared pieces (source texts, JSON values) are written once and referred to by index.
class Encoder {
 public:
  BinaryWriter out;

  void span(const SourceSpan& s) {
    out.u64(s.source ? source_index(s.source.get()) + 1 : 0);
    if (!s.source) out.str(s.path);
    out.u64(s.line);
    out.u64(s.column);
    out.u64(s.length);
  }
  void json(const Json& value) {
    // Most JSON fields of most nodes are null or empty: skip encoding those to find them.
    if (value.is_null() || (value.is_object() && value.empty()) || (value.is_array() && value.empty())) {
      uint64_t& slot = value.is_null() ? null_index_ : value.is_object() ? empty_object_index_ : empty_array_index_;
      if (slot == kUnset) slot = intern(Json::to_cbor(value));
      out.u64(slot);
      return;
    }
    out.u64(intern(Json::to_cbor(value)));
  }
  uint64_t intern(const std::vector<uint8_t>& bytes) {
    std::string key(bytes.begin(), bytes.end());
    auto [it, inserted] = json_index_.emplace(std::move(key), json_table_.size());
    if (inserted) json_table_.push_back(&it->first);
    return it->second;
  }
  void strings(const std::vector<std::string>& list) {
    out.u64(list.size());
    for (const auto& s : list) out.str(s);
  }
  void error(const Error& e) {
    out.u64(static_cast<uint64_t>(e.code));
    out.str(e.message);
    span(e.span);
    out.u64(e.chain.size());
    for (const auto& f : e.chain) {
      out.str(f.description);
      span(f.span);
    }
    out.str(e.hint);
  }

  // The tables the bodies refer to; `checkpoint` after each entry lets the caller flush.
  template <class Checkpoint>
  void write_tables(BinaryWriter& w, const Checkpoint& checkpoint) const {
    w.u64(sources_.size());
    for (const SourceText* s : sources_) {
      w.str(s->path);
      w.str(s->content);
      checkpoint();
    }
    w.u64(json_table_.size());
    for (const std::string* j : json_table_) {
      w.str(*j);
      checkpoint();
    }
  }

 private:
  uint64_t source_index(const SourceText* s) {
    auto [it, inserted] = source_index_.emplace(s, sources_.size());
    if (inserted) sources_.push_back(s);
    return it->second;
  }
  std::unordered_map<const SourceText*, uint64_t> source_index_;
  std::vector<const SourceText*> sources_;
  static constexpr uint64_t kUnset = ~uint64_t{0};
  uint64_t null_index_ = kUnset, empty_object_index_ = kUnset, empty_array_index_ = kUnset;
  std::unordered_map<std::string, uint64_t> json_index_;
  std::vector<const std::string*> json_table_;
};

// The shared tables, read once and then used by every node's decoder (read-only, so
// nodes decode in parallel).
struct DecodedTables {
  std::vector<std::shared_ptr<const SourceText>> sources;
  std::vector<Json> json;

  bool read(BinaryReader& in) {
    size_t n = in.count();
    sources.reserve(n);
    for (size_t i = 0; i < n && in.ok(); ++i) {
      std::string path = in.str();
      std::string content = in.str();
      sources.push_back(std::make_shared<const SourceText>(SourceText{std::move(path), std::move(content)}));
    }
    n = in.count();
    json.reserve(n);
    for (size_t i = 0; i < n && in.ok(); ++i) {
      std::string_view bytes = in.view();
      Json value = Json::from_cbor(bytes.begin(), bytes.end(), true, false);
      if (value.is_discarded()) return false;
      json.push_back(std::move(value));
    }
    return in.ok();
  }
};

class Decoder {
 public:
  Decoder(BinaryReader& r, const DecodedTables& tables) : in(r), sources_(tables.sources), json_table_(tables.json) {}
  BinaryReader& in;

  SourceSpan span() {
    SourceSpan s;
    uint64_t source = in.u64();
    if (source == 0)
      s.path = in.str();
    else if (source <= sources_.size())
      s.source = sources_[source - 1];
    else
      bad_ = true;
    s.line = in.u32();
    s.column = in.u32();
    s.length = in.u32();
    return s;
  }
  Json json() {
    uint64_t i = in.u64();
    if (i >= json_table_.size()) {
      bad_ = true;
      return nullptr;
    }
    return json_table_[i];
  }
  std::vector<std::string> strings() {
    std::vector<std::string> out(in.count());
    for (auto& s : out) s = in.str();
    return out;
  }
  Error error() {
    Error e;
    uint64_t code = in.u64();
    e.code = code <= static_cast<uint64_t>(ErrorCode::Test) ? static_cast<ErrorCode>(code) : ErrorCode::Internal;
    e.message = in.str();
    e.span = span();
    e.chain.resize(in.count());
    for (auto& f : e.chain) {
      f.description = in.str();
      f.span = span();
    }
    e.hint = in.str();
    return e;
  }
  bool ok() const { return in.ok() && !bad_; }

 private:
  const std::vector<std::shared_ptr<const SourceText>>& sources_;
  const std::vector<Json>& json_table_;
  bool bad_ = false;
};

void write_optional(BinaryWriter& w, const std::optional<std::string>& v) {
  w.boolean(v.has_value());
  if (v) w.str(*v);
}

std::optional<std::string> read_optional(BinaryReader& r) {
  if (!r.boolean()) return std::nullopt;
  return r.str();
}

void encode_node(Encoder& e, const Node& n, const std::string& template_name) {
  BinaryWriter& w = e.out;
  w.u64(static_cast<uint64_t>(n.type));
  w.str(n.unique_id);
  w.str(n.package_name);
  w.str(n.name);
  e.strings(n.fqn);
  w.str(n.original_file_path);
  w.str(n.path);
  w.str(n.patch_path);
  w.str(n.checksum);
  // Most nodes' code is their file's whole content, which the source table already holds.
  bool code_is_file = n.span.source && !n.raw_code.empty() && n.raw_code == n.span.source->content;
  w.boolean(code_is_file);
  if (!code_is_file) w.str(n.raw_code);
  w.str(n.language);
  e.span(n.span);
  w.str(template_name);
  e.json(n.config);
  e.strings(n.tags);
  w.str(n.description);
  e.json(n.meta);
  w.u64(n.columns.size());
  for (const auto& c : n.columns) {
    w.str(c.name);
    w.str(c.description);
    write_optional(w, c.data_type);
    w.boolean(c.quote);
    e.json(c.meta);
    e.strings(c.tags);
    e.json(c.constraints);
  }
  w.str(n.database);
  w.str(n.schema);
  w.str(n.alias);
  w.str(n.relation_name);
  w.u64(n.refs.size());
  for (const auto& r : n.refs) {
    w.str(r.package);
    w.str(r.name);
    write_optional(w, r.version);
    e.span(r.span);
  }
  w.u64(n.sources.size());
  for (const auto& s : n.sources) {
    w.str(s.source_name);
    w.str(s.table_name);
    e.span(s.span);
  }
  e.strings(n.depends_on_macros);
  w.u64(n.depends_on.size());
  for (auto id : n.depends_on) w.u64(id);
  w.boolean(n.test_metadata.has_value());
  if (n.test_metadata) {
    w.str(n.test_metadata->name);
    w.str(n.test_metadata->namespace_);
    e.json(n.test_metadata->kwargs);
  }
  w.str(n.column_name);
  w.u64(static_cast<uint64_t>(n.attached_node) + 1);  // kNoNode -> 0
  write_optional(w, n.version);
  write_optional(w, n.latest_version);
  w.str(n.source_name);
  w.str(n.identifier);
  w.str(n.loader);
  e.json(n.freshness);
  w.str(n.loaded_at_field);
  e.json(n.external);
  w.str(n.source_description);
  e.json(n.source_meta);
  w.str(n.exposure_type);
  e.json(n.owner);
  w.str(n.url);
  w.str(n.label);
  w.str(n.maturity);
  w.boolean(n.unit_test.has_value());
  if (n.unit_test) {
    w.str(n.unit_test->model);
    e.json(n.unit_test->given);
    e.json(n.unit_test->expect);
    e.json(n.unit_test->overrides);
  }
  write_optional(w, n.compiled_code);
}

Node decode_node(Decoder& d, std::string& template_name) {
  BinaryReader& r = d.in;
  Node n;
  uint64_t type = r.u64();
  n.type = type <= static_cast<uint64_t>(manifest::ResourceType::Doc) ? static_cast<manifest::ResourceType>(type)
                                                                       : manifest::ResourceType::Model;
  n.unique_id = r.str();
  n.package_name = r.str();
  n.name = r.str();
  n.fqn = d.strings();
  n.original_file_path = r.str();
  n.path = r.str();
  n.patch_path = r.str();
  n.checksum = r.str();
  bool code_is_file = r.boolean();
  if (!code_is_file) n.raw_code = r.str();
  n.language = r.str();
  n.span = d.span();
  if (code_is_file && n.span.source) n.raw_code = n.span.source->content;
  template_name = r.str();
  n.config = d.json();
  n.tags = d.strings();
  n.description = r.str();
  n.meta = d.json();
  n.columns.resize(r.count());
  for (auto& c : n.columns) {
    c.name = r.str();
    c.description = r.str();
    c.data_type = read_optional(r);
    c.quote = r.boolean();
    c.meta = d.json();
    c.tags = d.strings();
    c.constraints = d.json();
  }
  n.database = r.str();
  n.schema = r.str();
  n.alias = r.str();
  n.relation_name = r.str();
  n.refs.resize(r.count());
  for (auto& ref : n.refs) {
    ref.package = r.str();
    ref.name = r.str();
    ref.version = read_optional(r);
    ref.span = d.span();
  }
  n.sources.resize(r.count());
  for (auto& s : n.sources) {
    s.source_name = r.str();
    s.table_name = r.str();
    s.span = d.span();
  }
  n.depends_on_macros = d.strings();
  n.depends_on.resize(r.count());
  for (auto& id : n.depends_on) id = static_cast<manifest::NodeId>(r.u64());
  if (r.boolean()) {
    manifest::TestMetadata t;
    t.name = r.str();
    t.namespace_ = r.str();
    t.kwargs = d.json();
    n.test_metadata = std::move(t);
  }
  n.column_name = r.str();
  n.attached_node = static_cast<manifest::NodeId>(r.u64() - 1);
  n.version = read_optional(r);
  n.latest_version = read_optional(r);
  n.source_name = r.str();
  n.identifier = r.str();
  n.loader = r.str();
  n.freshness = d.json();
  n.loaded_at_field = r.str();
  n.external = d.json();
  n.source_description = r.str();
  n.source_meta = d.json();
  n.exposure_type = r.str();
  n.owner = d.json();
  n.url = r.str();
  n.label = r.str();
  n.maturity = r.str();
  if (r.boolean()) {
    manifest::UnitTestSpec u;
    u.model = r.str();
    u.given = d.json();
    u.expect = d.json();
    u.overrides = d.json();
    n.unit_test = std::move(u);
  }
  n.compiled_code = read_optional(r);
  return n;
}

void encode_header(BinaryWriter& w, const ParseCacheRecord& rec) {
  w.str(rec.key.strata_version);
  w.str(rec.key.vars_yaml);
  w.str(rec.key.target_json);
  w.str(rec.key.project_dir);
  w.u64(rec.key.builtin_macros_hash);
  w.u64(static_cast<uint64_t>(rec.started_at_ns));
  w.u64(rec.accesses.size());
  for (const auto& a : rec.accesses) {
    w.u64(static_cast<uint64_t>(a.kind));
    w.str(a.path);
    w.u64(a.content_hash);
    w.boolean(a.failed);
    w.boolean(a.answer);
    w.u64(a.entries.size());
    for (const auto& f : a.entries) {
      w.str(f.relative_path);
      w.u64(f.size);
      w.u64(static_cast<uint64_t>(f.mtime_ns));
    }
  }
  w.u64(rec.env_vars.size());
  for (const auto& v : rec.env_vars) {
    w.str(v.name);
    write_optional(w, v.value);
  }
}

bool decode_header(BinaryReader& r, ParseCacheRecord& rec) {
  rec.key.strata_version = r.str();
  rec.key.vars_yaml = r.str();
  rec.key.target_json = r.str();
  rec.key.project_dir = r.str();
  rec.key.builtin_macros_hash = r.u64();
  rec.started_at_ns = static_cast<int64_t>(r.u64());
  rec.accesses.resize(r.count());
  for (auto& a : rec.accesses) {
    uint64_t kind = r.u64();
    if (kind > static_cast<uint64_t>(FileAccess::Kind::IsDirectory)) return false;
    a.kind = static_cast<FileAccess::Kind>(kind);
    a.path = r.str();
    a.content_hash = r.u64();
    a.failed = r.boolean();
    a.answer = r.boolean();
    a.entries.resize(r.count());
    for (auto& f : a.entries) {
      f.relative_path = r.str();
      f.size = r.u64();
      f.mtime_ns = static_cast<int64_t>(r.u64());
    }
  }
  rec.env_vars.resize(r.count());
  for (auto& v : rec.env_vars) {
    v.name = r.str();
    v.value = read_optional(r);
  }
  return r.ok();
}

}  // namespace

void encode_parse_cache(const ParseCacheRecord& record, const manifest::Manifest& manifest,
                        const FileSystem::ContentSink& sink) {
  // Streamed in pieces of about a megabyte: fresh memory for one big buffer costs more
  // than encoding (page faults). Layout: header, node bodies, the rest (descriptions,
  // warnings), then the shared tables the bodies refer to (filled while encoding them),
  // the index of body sizes, and last a fixed 8-byte offset of the tables.
  constexpr size_t kPiece = 1 << 20;
  uint64_t written = 0;
  auto flush = [&](BinaryWriter& w) {
    sink(w.buffer());
    written += w.buffer().size();
    w.buffer().clear();
  };
  BinaryWriter file;
  file.str(kMagic);
  file.u64(kFormatVersion);
  encode_header(file, record);
  flush(file);

  Encoder body;
  body.out.buffer().reserve(2 * kPiece);
  std::vector<uint64_t> sizes;
  sizes.reserve(manifest.size());
  for (const auto& n : manifest.nodes()) {
    size_t before = body.out.buffer().size();
    encode_node(body, n, n.id < record.template_names.size() ? record.template_names[n.id] : std::string());
    static const RenderInput kNone;
    const RenderInput& input = n.id < record.render_inputs.size() ? record.render_inputs[n.id] : kNone;
    body.json(input.yaml_config);
    body.strings(input.tags);
    body.json(input.meta);
    sizes.push_back(body.out.buffer().size() - before);
    if (body.out.buffer().size() >= kPiece) flush(body.out);
  }
  uint64_t rest_start = written + body.out.buffer().size();
  body.out.u64(record.macro_descriptions.size());
  for (const auto& [id, text] : record.macro_descriptions) {
    body.out.str(id);
    body.out.str(text);
  }
  body.out.u64(record.warnings.size());
  for (size_t i = 0; i < record.warnings.size(); ++i) {
    body.error(record.warnings[i]);
    body.out.str(i < record.warning_owners.size() ? record.warning_owners[i] : std::string());
  }
  body.out.u64(manifest.disabled.size());
  for (const auto& n : manifest.disabled) encode_node(body, n, std::string());
  flush(body.out);
  uint64_t tables_start = written;
  body.write_tables(body.out, [&] {
    if (body.out.buffer().size() >= kPiece) flush(body.out);
  });
  body.out.u64(sizes.size());
  for (uint64_t size : sizes) body.out.u64(size);
  body.out.u64(tables_start - rest_start);  // the rest's size
  char trailer[8];
  for (int i = 0; i < 8; ++i) trailer[i] = static_cast<char>((tables_start >> (8 * i)) & 0xff);
  body.out.buffer().append(trailer, 8);
  flush(body.out);
}

std::optional<ParseCache> ParseCache::decode(std::string bytes) {
  ParseCache cache;
  cache.bytes_ = std::move(bytes);
  BinaryReader r(cache.bytes_);
  if (r.view() != kMagic || r.u64() != kFormatVersion) return std::nullopt;
  if (!decode_header(r, cache.header_)) return std::nullopt;
  cache.nodes_offset_ = cache.bytes_.size() - r.remaining();
  return cache;
}

namespace {

std::string shown_path(const std::string& path, std::string project_dir) {
  while (!project_dir.empty() && project_dir.back() == '/') project_dir.pop_back();
  if (!project_dir.empty() && path.size() > project_dir.size() + 1 && path.compare(0, project_dir.size(), project_dir) == 0 &&
      path[project_dir.size()] == '/')
    return path.substr(project_dir.size() + 1);
  return path;
}

}  // namespace

CacheCheck ParseCache::check(const ParseCacheKey& key, const FileSystem& fs,
                             const std::function<const char*(const char*)>& getenv) const {
  CacheCheck result;
  auto stale = [&result](std::string why) {
    result.full_parse_reason = std::move(why);
    result.changed_files.clear();
    result.changed_shown.clear();
    return std::move(result);
  };
  const ParseCacheKey& old = header_.key;
  if (old.strata_version != key.strata_version) return stale("strata version changed");
  if (old.builtin_macros_hash != key.builtin_macros_hash) return stale("built-in macros changed");
  if (old.project_dir != key.project_dir) return stale("project directory changed");
  if (old.vars_yaml != key.vars_yaml) return stale("vars changed");
  if (old.target_json != key.target_json) return stale("profile or target changed");
  for (const auto& v : header_.env_vars) {
    const char* now = getenv ? getenv(v.name.c_str()) : nullptr;
    if (v.value.has_value() != (now != nullptr) || (now && *v.value != now)) return stale("env var " + v.name + " changed");
  }
  // Files whose listing shows the same size and an mtime well before the cached parse
  // started are unchanged; the rest are re-read and compared by content hash. Files added
  // or removed (and directories appearing) need a full parse; changed contents are
  // collected so that the caller can re-parse just those files when it knows how.
  std::unordered_map<std::string, bool> trusted;
  result.refreshed.reserve(header_.accesses.size());
  for (const auto& a : header_.accesses) {
    FileAccess now = a;
    switch (a.kind) {
      case FileAccess::Kind::Exists:
        if (fs.exists(a.path) != a.answer) return stale(shown_path(a.path, key.project_dir) + (a.answer ? " was removed" : " was added"));
        break;
      case FileAccess::Kind::IsDirectory:
        if (fs.is_directory(a.path) != a.answer)
          return stale(shown_path(a.path, key.project_dir) + (a.answer ? " was removed" : " was added"));
        break;
      case FileAccess::Kind::List: {
        auto listed = fs.list_files(a.path);
        if (!listed || a.failed) return stale("cannot list " + shown_path(a.path, key.project_dir));
        std::string dir = a.path;
        if (!dir.empty() && dir.back() != '/') dir += '/';
        size_t i = 0, j = 0;
        while (i < a.entries.size() || j < listed->size()) {
          if (j == listed->size() || (i < a.entries.size() && a.entries[i].relative_path < (*listed)[j].relative_path))
            return stale(shown_path(dir + a.entries[i].relative_path, key.project_dir) + " was removed");
          if (i == a.entries.size() || (*listed)[j].relative_path < a.entries[i].relative_path)
            return stale(shown_path(dir + (*listed)[j].relative_path, key.project_dir) + " was added");
          const FileEntry& before = a.entries[i++];
          const FileEntry& after = (*listed)[j++];
          bool same = before.size == after.size && before.mtime_ns == after.mtime_ns &&
                      after.mtime_ns < header_.started_at_ns - kRacyWindowNs;
          trusted.emplace(dir + after.relative_path, same);
        }
        now.entries = std::move(listed).value();
        break;
      }
      case FileAccess::Kind::Read: {
        if (auto t = trusted.find(a.path); t != trusted.end() && t->second) break;
        auto content = fs.read(a.path);
        if (!content) {
          if (!a.failed) return stale(shown_path(a.path, key.project_dir) + " was removed");
          break;
        }
        if (a.failed) return stale(shown_path(a.path, key.project_dir) + " was added");
        now.content_hash = content_hash(*content);
        if (now.content_hash != a.content_hash &&
            std::find(result.changed_files.begin(), result.changed_files.end(), a.path) == result.changed_files.end()) {
          result.changed_files.push_back(a.path);
          result.changed_shown.push_back(shown_path(a.path, key.project_dir));
        }
        break;
      }
    }
    result.refreshed.push_back(std::move(now));
  }
  if (!result.changed_files.empty()) result.full_parse_reason = result.changed_shown.front() + " changed";
  return result;
}

bool ParseCache::load_nodes(manifest::Manifest& manifest, ParseCacheRecord& record) {
  // The last 8 bytes give where the tables start; the index and the rest's size follow them.
  if (bytes_.size() < nodes_offset_ + 8) return false;
  uint64_t tables_start = 0;
  for (int i = 0; i < 8; ++i)
    tables_start |= static_cast<uint64_t>(static_cast<unsigned char>(bytes_[bytes_.size() - 8 + i])) << (8 * i);
  if (tables_start < nodes_offset_ || tables_start > bytes_.size() - 8) return false;
  BinaryReader r(std::string_view(bytes_).substr(tables_start, bytes_.size() - 8 - tables_start));
  DecodedTables tables;
  if (!tables.read(r)) return false;
  size_t count = r.count();
  std::vector<uint64_t> sizes(count);
  for (auto& size : sizes) size = r.u64();
  uint64_t rest_size = r.u64();
  if (!r.ok() || !r.at_end() || rest_size > tables_start - nodes_offset_) return false;
  std::string_view bodies = std::string_view(bytes_).substr(nodes_offset_, tables_start - rest_size - nodes_offset_);
  std::string_view rest = std::string_view(bytes_).substr(tables_start - rest_size, rest_size);
  std::vector<std::string_view> slices(count);
  for (size_t i = 0; i < count; ++i) {
    if (sizes[i] > bodies.size()) return false;
    slices[i] = bodies.substr(0, sizes[i]);
    bodies.remove_prefix(sizes[i]);
  }
  if (!bodies.empty()) return false;
  std::vector<Node> nodes(count);
  record.template_names.assign(count, std::string());
  record.render_inputs.assign(count, RenderInput());
  std::vector<char> ok(count, 0);
  parallel_for(count, std::thread::hardware_concurrency(), [&](size_t i) {
    BinaryReader in(slices[i]);
    Decoder d(in, tables);
    nodes[i] = decode_node(d, record.template_names[i]);
    record.render_inputs[i].yaml_config = d.json();
    record.render_inputs[i].tags = d.strings();
    record.render_inputs[i].meta = d.json();
    ok[i] = d.ok() && in.at_end();
  });
  if (std::find(ok.begin(), ok.end(), 0) != ok.end()) return false;
  if (!manifest.assign_nodes(std::move(nodes))) return false;
  BinaryReader tail(rest);
  Decoder d(tail, tables);
  size_t descriptions = tail.count();
  for (size_t i = 0; i < descriptions && d.ok(); ++i) {
    std::string id = tail.str();
    record.macro_descriptions[id] = tail.str();
  }
  record.warnings.resize(tail.count());
  record.warning_owners.resize(record.warnings.size());
  for (size_t i = 0; i < record.warnings.size(); ++i) {
    record.warnings[i] = d.error();
    record.warning_owners[i] = tail.str();
  }
  manifest.disabled.resize(tail.count());
  for (auto& n : manifest.disabled) {
    std::string template_name;
    n = decode_node(d, template_name);
  }
  if (!d.ok() || !tail.at_end()) return false;
  // Node ids inside nodes must point at nodes.
  for (const auto& n : manifest.nodes()) {
    if (n.attached_node != manifest::kNoNode && n.attached_node >= count) return false;
    for (auto id : n.depends_on)
      if (id >= count) return false;
  }
  return true;
}

}  // namespace strata::parser
