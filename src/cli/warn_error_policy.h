#pragma once
// dbt's --warn-error and --warn-error-options: which warnings become errors, which stay
// warnings and which are silenced, chosen by the warning's name (dbt's event name where
// dbt has the same warning).
#include <set>
#include <string>
#include <string_view>

#include "common/result.h"

namespace strata::cli {

enum class WarningAction { Warn, Error, Silence };

// The names strata gives its warnings.
namespace warning_name {
inline constexpr std::string_view kNoNodesSelected = "NoNodesForSelectionCriteria";  // --select matched nothing
inline constexpr std::string_view kTestResult = "LogTestResult";             // a data test ended in warn
inline constexpr std::string_view kFreshnessResult = "LogFreshnessResult";   // a source is stale past warn_after
inline constexpr std::string_view kJinjaWarning = "JinjaLogWarning";         // exceptions.warn() at parse time
inline constexpr std::string_view kProjectWarning = "ProjectConfigWarning";  // strata's: ignored YAML keys and configs
inline constexpr std::string_view kLoadFileWarning = "LoadFileWarning";      // strata's: a raw file skipped by `strata load`
}  // namespace warning_name

class WarnErrorPolicy {
 public:
  WarnErrorPolicy() = default;  // every warning stays a warning

  // `warn_error`: every warning is an error. `options`: a YAML mapping with `error` (or
  // dbt's older `include`): "all" or a list of names, `warn` (`exclude`): names kept as
  // warnings, `silence`: names not printed at all. Silence wins over warn, warn over error.
  // `origin` names the text in errors (the flag, or dbt_project.yml's flags).
  static Result<WarnErrorPolicy> parse(bool warn_error, const std::string& options,
                                       const std::string& origin = "--warn-error-options");

  WarningAction action(std::string_view name) const;
  bool is_error(std::string_view name) const { return action(name) == WarningAction::Error; }

 private:
  bool error_all_ = false;
  std::set<std::string, std::less<>> error_, warn_, silence_;
};

}  // namespace strata::cli
