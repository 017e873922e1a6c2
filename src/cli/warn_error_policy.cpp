#include "cli/warn_error_policy.h"

#include <memory>

#include "project/yaml_document.h"

namespace strata::cli {

namespace {

// The names a list may hold: "all" (or "*") only under error/include.
Status read_names(const project::YamlDocument& doc, const yaml::Node& value, const std::string& key, bool allow_all,
                  bool& all, std::set<std::string, std::less<>>& names) {
  if (value.IsScalar() && allow_all && (value.Scalar() == "all" || value.Scalar() == "*")) {
    all = true;
    return {};
  }
  if (!value.IsSequence())
    return doc.error_at(value, "'" + key + "' must be a list of warning names" + (allow_all ? " or \"all\"" : ""))
        .with_hint("e.g. --warn-error-options '{\"error\": \"all\", \"warn\": [\"NoNodesForSelectionCriteria\"]}'");
  for (const auto& item : value) {
    if (!item.IsScalar() || item.Scalar().empty())
      return doc.error_at(item, "'" + key + "' must list warning names as strings");
    if (allow_all && (item.Scalar() == "all" || item.Scalar() == "*")) all = true;
    else names.insert(item.Scalar());
  }
  return {};
}

}  // namespace

Result<WarnErrorPolicy> WarnErrorPolicy::parse(bool warn_error, const std::string& options, const std::string& origin) {
  WarnErrorPolicy policy;
  policy.error_all_ = warn_error;
  if (options.empty()) return policy;
  if (warn_error)
    return Error(ErrorCode::Usage, "--warn-error and --warn-error-options cannot be used together")
        .with_hint("use --warn-error-options '{\"error\": \"all\"}' to make every warning an error");
  auto source = std::make_shared<const SourceText>(SourceText{origin, options});
  auto doc = project::parse_yaml(source);
  if (!doc) return std::move(doc).error();
  if (!doc->root.IsMap())
    return doc->error_at(doc->root, origin + " must be a YAML mapping")
        .with_hint("e.g. --warn-error-options '{\"error\": \"all\", \"silence\": [\"NoNodesForSelectionCriteria\"]}'");
  for (const auto& entry : doc->root) {
    const std::string& key = entry.first.Scalar();
    bool unused_all = false;
    Status read;
    if (key == "error" || key == "include") read = read_names(*doc, entry.second, key, true, policy.error_all_, policy.error_);
    else if (key == "warn" || key == "exclude") read = read_names(*doc, entry.second, key, false, unused_all, policy.warn_);
    else if (key == "silence") read = read_names(*doc, entry.second, key, false, unused_all, policy.silence_);
    else
      return doc->error_at(entry.first, "unknown key '" + key + "' in " + origin)
          .with_hint("the keys are error (or include), warn (or exclude) and silence");
    if (!read) return std::move(read).error();
  }
  return policy;
}

WarningAction WarnErrorPolicy::action(std::string_view name) const {
  if (silence_.count(name)) return WarningAction::Silence;
  if (warn_.count(name)) return WarningAction::Warn;
  if (error_all_ || error_.count(name)) return WarningAction::Error;
  return WarningAction::Warn;
}

}  // namespace strata::cli
