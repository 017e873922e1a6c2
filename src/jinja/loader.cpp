#include "jinja/loader.h"

#include <fstream>
#include <sstream>

namespace strata::jinja {

Result<std::optional<LoadedSource>> FileSystemLoader::load(const std::string& name) const {
  // Jinja's split_template_path: no "..", no absolute escapes.
  std::filesystem::path relative;
  size_t start = 0;
  while (start <= name.size()) {
    size_t slash = name.find('/', start);
    std::string piece = name.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (piece == "..") return std::optional<LoadedSource>();
    if (!piece.empty() && piece != ".") relative /= piece;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (relative.empty()) return std::optional<LoadedSource>();
  std::filesystem::path full = root_ / relative;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(full, ec)) return std::optional<LoadedSource>();
  std::ifstream in(full, std::ios::binary);
  if (!in) return Error(ErrorCode::Io, "cannot read template " + full.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::optional<LoadedSource>(LoadedSource{full.string(), buffer.str()});
}

Result<std::optional<LoadedSource>> MapLoader::load(const std::string& name) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) return std::optional<LoadedSource>();
  return std::optional<LoadedSource>(LoadedSource{name, it->second});
}

}  // namespace strata::jinja
