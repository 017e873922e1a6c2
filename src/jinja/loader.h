#pragma once
// Where include/import/extends find other templates.
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "common/result.h"

namespace strata::jinja {

struct LoadedSource {
  std::string path;     // as shown in errors, e.g. "macros/util.sql"
  std::string content;
};

class Loader {
 public:
  virtual ~Loader() = default;
  // nullopt when there is no template of that name (TemplateNotFound); an Error for I/O failures.
  virtual Result<std::optional<LoadedSource>> load(const std::string& name) const = 0;
};

// Files relative to a root directory; names may not escape it ("..").
class FileSystemLoader : public Loader {
 public:
  explicit FileSystemLoader(std::filesystem::path root) : root_(std::move(root)) {}
  Result<std::optional<LoadedSource>> load(const std::string& name) const override;

 private:
  std::filesystem::path root_;
};

// In-memory templates (tests, hosts that already read the files).
class MapLoader : public Loader {
 public:
  MapLoader() = default;
  explicit MapLoader(std::map<std::string, std::string> templates) : templates_(std::move(templates)) {}
  void add(std::string name, std::string content) { templates_[std::move(name)] = std::move(content); }
  Result<std::optional<LoadedSource>> load(const std::string& name) const override;

 private:
  std::map<std::string, std::string> templates_;
};

}  // namespace strata::jinja
