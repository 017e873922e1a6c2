// Drops disabled nodes, then turns every ref()/source() into a graph edge. A ref to a
// missing node is an error at the call, with the closest names as suggestions.
#include <algorithm>

#include "parser/loader_state.h"
#include "parser/ref_index.h"

namespace strata::parser {

using manifest::Node;
using manifest::NodeId;
using manifest::ResourceType;

namespace {

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string suggestions(const std::vector<std::string>& candidates, const std::string& wanted) {
  std::vector<std::pair<size_t, std::string>> scored;
  for (const auto& c : candidates) {
    size_t d = edit_distance(c, wanted);
    bool contains = c.find(wanted) != std::string::npos || wanted.find(c) != std::string::npos;
    if (d <= std::max<size_t>(2, wanted.size() / 3) || contains) scored.emplace_back(d, c);
  }
  std::sort(scored.begin(), scored.end());
  scored.erase(std::unique(scored.begin(), scored.end()), scored.end());
  std::string out;
  for (size_t i = 0; i < scored.size() && i < 3; ++i) out += (i ? ", " : "") + ("'" + scored[i].second + "'");
  return out;
}

void drop_disabled(LoadState& state) {
  auto& manifest = state.out.manifest;
  std::vector<bool> keep(manifest.size());
  bool any = false;
  for (const auto& n : manifest.nodes()) {
    keep[n.id] = n.config.value("enabled", true);
    any = any || !keep[n.id];
  }
  if (!any && state.renamed.empty()) return;
  manifest::Manifest fresh;
  fresh.project_name = manifest.project_name;
  fresh.macros = std::move(manifest.macros);
  fresh.docs = std::move(manifest.docs);
  fresh.disabled = std::move(manifest.disabled);
  std::vector<jinja::TemplatePtr> templates;
  std::vector<std::shared_ptr<const SourceText>> sources;
  std::vector<RenderInput> render_inputs;
  std::map<NodeId, std::string> owners;
  for (auto& n : manifest.nodes()) {
    if (!keep[n.id]) {
      state.disabled.push_back(n.unique_id);
      n.id = manifest::kNoNode;
      n.attached_node = manifest::kNoNode;
      n.depends_on.clear();
      fresh.disabled.push_back(std::move(n));
      continue;
    }
    NodeId old = n.id;
    if (auto r = state.renamed.find(old); r != state.renamed.end()) n.unique_id = r->second;
    NodeId id = fresh.add(std::move(n));
    templates.push_back(state.out.templates[old]);
    sources.push_back(state.sources[old]);
    if (old < state.render_inputs.size()) render_inputs.push_back(std::move(state.render_inputs[old]));
    if (auto o = state.test_owners.find(old); o != state.test_owners.end()) owners[id] = o->second;
  }
  manifest = std::move(fresh);
  state.out.templates = std::move(templates);
  state.sources = std::move(sources);
  state.render_inputs = std::move(render_inputs);
  state.test_owners = std::move(owners);
  state.renamed.clear();
}

// As dbt: a data test that reads a disabled model, seed, snapshot or source is disabled
// with it, silently (dbt logs it at debug level); any other node reading one is an error.
void disable_tests_of_disabled(LoadState& state) {
  auto& manifest = state.out.manifest;
  std::set<std::string> off;  // "name" of disabled refables, "source.table" of disabled sources
  for (const auto& n : manifest.disabled) {
    size_t first = n.unique_id.find('.'), second = n.unique_id.find('.', first + 1);
    if (second == std::string::npos) continue;
    off.insert(n.unique_id.substr(second + 1));  // model.pkg.name -> name; source.pkg.src.table -> src.table
  }
  if (off.empty()) return;
  RefIndex index(manifest);
  bool any = false;
  for (auto& node : manifest.nodes()) {
    if (node.type != ResourceType::Test) continue;
    bool reads_disabled = false;
    for (const auto& ref : node.refs)
      reads_disabled = reads_disabled || (index.find_ref(node.package_name, ref) == manifest::kNoNode && off.count(ref.name));
    for (const auto& src : node.sources)
      reads_disabled = reads_disabled || (index.find_source(src.source_name, src.table_name) == manifest::kNoNode &&
                                          off.count(src.source_name + "." + src.table_name));
    if (!reads_disabled) continue;
    node.config["enabled"] = false;
    any = true;
  }
  if (any) drop_disabled(state);
}

}  // namespace

Status resolve_dependencies(LoadState& state) {
  drop_disabled(state);
  disable_tests_of_disabled(state);
  auto& manifest = state.out.manifest;
  RefIndex index(manifest);
  std::vector<std::string> names = index.ref_names();
  std::set<std::string> disabled_names;
  for (const auto& uid : state.disabled) disabled_names.insert(uid.substr(uid.find('.') + 1));

  for (auto& node : manifest.nodes()) {
    std::vector<NodeId> parents;
    for (const auto& ref : node.refs) {
      NodeId found = index.find_ref(node.package_name, ref);
      if (found == manifest::kNoNode) {
        std::string what = ref.package.empty() ? "'" + ref.name + "'" : "'" + ref.package + "." + ref.name + "'";
        if (ref.version) what += " version " + *ref.version;
        Error error(ErrorCode::Compilation, std::string(manifest::resource_type_name(node.type)) + " '" + node.name +
                                                "' depends on a node named " + what + " which was not found",
                    ref.span);
        std::string close = suggestions(names, ref.name);
        bool disabled = false;
        for (const auto& d : disabled_names) disabled = disabled || d.substr(d.find('.') + 1) == ref.name;
        if (disabled) error.hint = "'" + ref.name + "' is disabled (enabled: false); enable it or remove this ref";
        else if (!close.empty()) error.hint = "did you mean " + close + "?";
        else error.hint = "check the model name; refs name a model, seed or snapshot";
        return error;
      }
      parents.push_back(found);
    }
    for (const auto& src : node.sources) {
      NodeId found = index.find_source(src.source_name, src.table_name);
      if (found == manifest::kNoNode) {
        std::vector<std::string> keys = index.source_names();
        Error error(ErrorCode::Compilation, std::string(manifest::resource_type_name(node.type)) + " '" + node.name +
                                                "' depends on a source named '" + src.source_name + "." +
                                                src.table_name + "' which was not found",
                    src.span);
        std::string close = suggestions(keys, src.source_name + "." + src.table_name);
        error.hint = close.empty() ? "declare it under sources: in a properties file" : "did you mean " + close + "?";
        return error;
      }
      parents.push_back(found);
    }
    std::sort(parents.begin(), parents.end());
    parents.erase(std::unique(parents.begin(), parents.end()), parents.end());
    node.depends_on = std::move(parents);
    if (node.test_metadata && !node.depends_on.empty()) {
      // The tested node is the model expression's target: the first ref/source captured.
      if (!node.refs.empty()) {
        for (NodeId p : node.depends_on)
          if (manifest.node(p).name == node.refs.front().name) node.attached_node = p;
      } else if (!node.sources.empty()) {
        node.attached_node = index.find_source(node.sources.front().source_name, node.sources.front().table_name);
      }
    }
  }
  return {};
}

}  // namespace strata::parser
