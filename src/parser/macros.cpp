// Loads macros in dbt's order: strata's built-in global project, then every package's
// macro paths (and generic tests under <test-path>/generic), then the root project's;
// docs blocks are collected on the way. Finalizing makes them callable.
#include "parser/global_project.h"
#include "parser/loader_state.h"

namespace strata::parser {

namespace fs = std::filesystem;

namespace {

bool ends_with(const std::string& s, const char* suffix) {
  size_t n = std::char_traits<char>::length(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

std::string shown_path(const LoadState& state, const PackageScope& package, const fs::path& relative) {
  if (package.is_root) return relative.generic_string();
  return (fs::path(state.out.root.packages_install_path) / package.root.filename() / relative).generic_string();
}

Status load_package_macros(LoadState& state, const PackageScope& package) {
  std::vector<fs::path> dirs;
  for (const auto& p : package.config->macro_paths) dirs.emplace_back(p);
  for (const auto& p : package.config->test_paths) dirs.push_back(fs::path(p) / "generic");
  for (const auto& dir : dirs) {
    auto listed = state.fs.list_files(package.root / dir);
    if (!listed) return std::move(listed).error();
    for (const auto& entry : *listed) {
      if (!ends_with(entry.relative_path, ".sql")) continue;
      auto content = state.fs.read(package.root / dir / entry.relative_path);
      if (!content) return std::move(content).error();
      auto source = std::make_shared<const SourceText>(
          SourceText{shown_path(state, package, dir / entry.relative_path), std::move(content).value()});
      STRATA_TRY(state.out.env->add_macro_file(package.name, source));
    }
  }
  return {};
}

Status load_package_docs(LoadState& state, const PackageScope& package) {
  const auto& c = *package.config;
  std::vector<std::string> dirs = c.docs_paths;
  if (dirs.empty())
    for (const auto* list : {&c.model_paths, &c.seed_paths, &c.snapshot_paths, &c.analysis_paths, &c.macro_paths, &c.test_paths})
      dirs.insert(dirs.end(), list->begin(), list->end());
  for (const auto& dir : dirs) {
    auto listed = state.fs.list_files(package.root / dir);
    if (!listed) return std::move(listed).error();
    for (const auto& entry : *listed) {
      if (!ends_with(entry.relative_path, ".md")) continue;
      auto content = state.fs.read(package.root / dir / entry.relative_path);
      if (!content) return std::move(content).error();
      std::string path = shown_path(state, package, fs::path(dir) / entry.relative_path);
      auto tmpl = state.out.env->parse(std::move(content).value(), path);
      if (!tmpl) return std::move(tmpl).error();
      for (const auto& block : (*tmpl)->tag_blocks())
        if (block.header.tag == "docs") {
          std::string body = block.raw_body;
          // dbt strips the block's surrounding whitespace.
          size_t b = body.find_first_not_of(" \t\r\n"), e = body.find_last_not_of(" \t\r\n");
          body = b == std::string::npos ? "" : body.substr(b, e - b + 1);
          manifest::DocBlock doc;
          doc.unique_id = "doc." + package.name + "." + block.header.name;
          doc.package_name = package.name;
          doc.name = block.header.name;
          doc.path = entry.relative_path;
          doc.original_file_path = (fs::path(dir) / entry.relative_path).generic_string();
          doc.block_contents = body;
          state.out.manifest.docs.push_back(std::move(doc));
        }
    }
  }
  return {};
}

}  // namespace

Status load_macros(LoadState& state) {
  for (const auto& file : global_project_files()) {
    auto source = std::make_shared<const SourceText>(
        SourceText{std::string("<strata>/global_project/macros/") + file.path, file.content});
    STRATA_TRY(state.out.env->add_macro_file(context::kInternalPackage, source));
  }
  // Packages before the root, so errors in the root's files are reported in root terms.
  for (const auto& package : state.packages)
    if (!package.is_root) STRATA_TRY(load_package_macros(state, package));
  for (const auto& package : state.packages)
    if (package.is_root) STRATA_TRY(load_package_macros(state, package));
  state.out.env->finalize();
  for (const auto& package : state.packages) STRATA_TRY(load_package_docs(state, package));
  return {};
}

}  // namespace strata::parser
