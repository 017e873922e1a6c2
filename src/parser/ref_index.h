#pragma once
// Finds the node a ref() or source() names, with dbt's preferences: the calling node's
// package first, then the root project, then any package; unversioned refs take the
// latest version.
#include <map>
#include <string>
#include <vector>

#include "manifest/manifest.h"

namespace strata::parser {

class RefIndex {
 public:
  explicit RefIndex(const manifest::Manifest& manifest);
  manifest::NodeId find_ref(const std::string& from_package, const manifest::RefCall& ref) const;
  manifest::NodeId find_source(const std::string& source_name, const std::string& table_name) const;
  // Names that refs may use (models, seeds, snapshots), for suggestions.
  std::vector<std::string> ref_names() const;
  std::vector<std::string> source_names() const;

 private:
  const manifest::Manifest& manifest_;
  std::map<std::string, std::vector<manifest::NodeId>> by_name_;
  std::map<std::string, manifest::NodeId> sources_;
};

}  // namespace strata::parser
