#include "parser/ref_index.h"

namespace strata::parser {

using manifest::NodeId;
using manifest::ResourceType;

RefIndex::RefIndex(const manifest::Manifest& manifest) : manifest_(manifest) {
  for (const auto& n : manifest.nodes()) {
    if (n.type == ResourceType::Model || n.type == ResourceType::Seed || n.type == ResourceType::Snapshot)
      by_name_[n.name].push_back(n.id);
    if (n.type == ResourceType::Source) sources_[n.source_name + "." + n.name] = n.id;
  }
}

NodeId RefIndex::find_ref(const std::string& from_package, const manifest::RefCall& ref) const {
  auto it = by_name_.find(ref.name);
  if (it == by_name_.end()) return manifest::kNoNode;
  std::vector<NodeId> matches;
  for (NodeId id : it->second) {
    const auto& c = manifest_.node(id);
    if (!ref.package.empty() && c.package_name != ref.package) continue;
    if (ref.version) {
      if (!c.version || *c.version != *ref.version) continue;
    } else if (c.version && c.latest_version && *c.version != *c.latest_version) {
      continue;
    }
    matches.push_back(id);
  }
  for (const std::string& preferred : {from_package, manifest_.project_name})
    for (NodeId id : matches)
      if (manifest_.node(id).package_name == preferred) return id;
  return matches.empty() ? manifest::kNoNode : matches.front();
}

NodeId RefIndex::find_source(const std::string& source_name, const std::string& table_name) const {
  auto it = sources_.find(source_name + "." + table_name);
  return it == sources_.end() ? manifest::kNoNode : it->second;
}

std::vector<std::string> RefIndex::ref_names() const {
  std::vector<std::string> out;
  for (const auto& [name, _] : by_name_) out.push_back(name);
  return out;
}

std::vector<std::string> RefIndex::source_names() const {
  std::vector<std::string> out;
  for (const auto& [name, _] : sources_) out.push_back(name);
  return out;
}

}  // namespace strata::parser
