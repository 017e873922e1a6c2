// Finds every resource file of every package and makes nodes from them: models,
// seeds, snapshots (one per {% snapshot %} block), analyses and singular tests.
#include <filesystem>
#include <map>
#include <optional>
#include <thread>

#include "common/hash.h"
#include "common/parallel.h"
#include "parser/loader_state.h"

namespace strata::parser {

namespace fs = std::filesystem;
using manifest::Node;
using manifest::ResourceType;

namespace {

bool has_extension(const std::string& path, const char* ext) {
  size_t n = std::char_traits<char>::length(ext);
  return path.size() > n && path.compare(path.size() - n, n, ext) == 0;
}

std::string stem(const std::string& relative) {
  std::string base = relative.substr(relative.find_last_of('/') + 1);
  return base.substr(0, base.find_last_of('.'));
}

// Folders between the resource path and the file, e.g. "staging/core/x.sql" -> staging, core.
std::vector<std::string> folders(const std::string& relative) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t slash; (slash = relative.find('/', start)) != std::string::npos; start = slash + 1)
    out.push_back(relative.substr(start, slash - start));
  return out;
}

struct FoundFile {
  std::string resource_path;  // e.g. models
  std::string relative;       // e.g. staging/stg_x.sql
  std::shared_ptr<const SourceText> source;
  bool too_large = false;  // over the read limit: not read, content empty
  std::string checksum;    // sha256 of the content
};

// dbt does not read or hash seeds over 1 MiB (MAXIMUM_SEED_SIZE): their checksum is the
// path. Reading a large seed here would double the cost of `strata seed`.
constexpr uint64_t kMaximumSeedSize = 1024 * 1024;

// Lists the files first, then reads and hashes them on the parse threads (reading 10,000
// small files one after another leaves a core idle on the system calls).
Result<std::vector<FoundFile>> find_files(LoadState& state, const PackageScope& package,
                                          const std::vector<std::string>& paths, const char* ext,
                                          uint64_t read_limit = 0) {
  std::vector<FoundFile> out;
  for (const auto& resource_path : paths) {
    auto listed = state.fs.list_files(package.root / resource_path);
    if (!listed) return std::move(listed).error();
    for (const auto& entry : *listed) {
      if (!has_extension(entry.relative_path, ext)) continue;
      FoundFile file{resource_path, entry.relative_path, nullptr, read_limit && entry.size > read_limit, {}};
      out.push_back(std::move(file));
    }
  }
  std::vector<std::optional<Error>> errors(out.size());
  unsigned threads = state.options.parse_threads ? state.options.parse_threads : std::thread::hardware_concurrency();
  parallel_for(out.size(), threads, [&](size_t i) {
    FoundFile& file = out[i];
    std::string content;
    if (!file.too_large) {
      auto read = state.fs.read(package.root / file.resource_path / file.relative);
      if (!read) {
        errors[i] = std::move(read).error();
        return;
      }
      content = std::move(read).value();
    }
    std::string shown = (fs::path(file.resource_path) / file.relative).generic_string();
    if (!package.is_root)
      shown = (fs::path(state.out.root.packages_install_path) / package.root.filename() / shown).generic_string();
    file.checksum = sha256_hex(content);
    file.source = std::make_shared<const SourceText>(SourceText{shown, std::move(content)});
  });
  for (auto& error : errors)
    if (error) return std::move(*error);
  return out;
}

Node base_node(const PackageScope& package, ResourceType type, const FoundFile& file, const std::string& name) {
  Node node;
  node.type = type;
  node.package_name = package.name;
  node.name = name;
  node.unique_id = std::string(manifest::resource_type_name(type)) + "." + package.name + "." + name;
  node.original_file_path = file.resource_path + "/" + file.relative;
  node.path = file.relative;
  node.checksum = file.checksum;
  node.fqn.push_back(package.name);
  for (auto& f : folders(file.relative)) node.fqn.push_back(f);
  node.fqn.push_back(name);
  node.span.source = file.source;
  node.span.line = 1;
  node.span.column = 1;
  return node;
}

Status add_unique(LoadState& state, Node node, std::shared_ptr<const SourceText> source) {
  manifest::NodeId existing = state.out.manifest.find(node.unique_id);
  if (existing != manifest::kNoNode) {
    const Node& other = state.out.manifest.node(existing);
    return Error(ErrorCode::Compilation,
                 std::string("two ") + manifest::resource_type_name(node.type) + "s are named '" + node.name +
                     "': " + other.original_file_path + " and " + node.original_file_path,
                 node.span)
        .with_hint("rename one of them; names must be unique within a package");
  }
  state.add_node(std::move(node), std::move(source));
  return {};
}

Status scan_package(LoadState& state, const PackageScope& package) {
  const project::ProjectConfig& config = *package.config;

  auto models = find_files(state, package, config.model_paths, ".sql");
  if (!models) return std::move(models).error();
  state.reserve_nodes(state.out.manifest.size() + models->size());
  for (auto& file : *models) {
    Node node = base_node(package, ResourceType::Model, file, stem(file.relative));
    node.raw_code = file.source->content;
    STRATA_TRY(add_unique(state, std::move(node), file.source));
  }

  auto seeds = find_files(state, package, config.seed_paths, ".csv", kMaximumSeedSize);
  if (!seeds) return std::move(seeds).error();
  for (auto& file : *seeds) {
    Node node = base_node(package, ResourceType::Seed, file, stem(file.relative));
    if (file.too_large) node.checksum = node.original_file_path;  // dbt's FileHash.path
    STRATA_TRY(add_unique(state, std::move(node), file.source));
  }

  auto analyses = find_files(state, package, config.analysis_paths, ".sql");
  if (!analyses) return std::move(analyses).error();
  for (auto& file : *analyses) {
    Node node = base_node(package, ResourceType::Analysis, file, stem(file.relative));
    node.raw_code = file.source->content;
    STRATA_TRY(add_unique(state, std::move(node), file.source));
  }

  auto tests = find_files(state, package, config.test_paths, ".sql");
  if (!tests) return std::move(tests).error();
  for (auto& file : *tests) {
    if (file.relative.rfind("generic/", 0) == 0) continue;  // generic test definitions are macros
    Node node = base_node(package, ResourceType::Test, file, stem(file.relative));
    node.raw_code = file.source->content;
    STRATA_TRY(add_unique(state, std::move(node), file.source));
  }

  auto snapshots = find_files(state, package, config.snapshot_paths, ".sql");
  if (!snapshots) return std::move(snapshots).error();
  for (auto& file : *snapshots) {
    auto tmpl = state.out.env->parse(file.source->content, file.source->path);
    if (!tmpl) return std::move(tmpl).error();
    for (const auto& block : (*tmpl)->tag_blocks()) {
      if (block.header.tag != "snapshot") continue;
      Node node = base_node(package, ResourceType::Snapshot, file, block.header.name);
      node.raw_code = block.raw_body;
      node.span = block.span;
      STRATA_TRY(add_unique(state, std::move(node), file.source));
    }
  }
  return {};
}

}  // namespace

Status scan_resource_files(LoadState& state) {
  for (const auto& package : state.packages) STRATA_TRY(scan_package(state, package));
  return {};
}

}  // namespace strata::parser
