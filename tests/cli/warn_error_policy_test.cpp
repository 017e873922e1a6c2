// --warn-error / --warn-error-options: parsing the options and what becomes of each warning.
#include "cli/warn_error_policy.h"

#include <gtest/gtest.h>

namespace strata::cli {
namespace {

WarnErrorPolicy parse_ok(bool warn_error, const std::string& options) {
  auto policy = WarnErrorPolicy::parse(warn_error, options);
  EXPECT_TRUE(policy.ok()) << (policy.ok() ? "" : render_error(policy.error()));
  return policy.ok() ? std::move(policy).value() : WarnErrorPolicy();
}

std::string parse_error(bool warn_error, const std::string& options) {
  auto policy = WarnErrorPolicy::parse(warn_error, options);
  EXPECT_FALSE(policy.ok());
  return policy.ok() ? "" : render_error(policy.error());
}

TEST(WarnErrorPolicy, WithoutFlagsEveryWarningStaysAWarning) {
  WarnErrorPolicy policy = parse_ok(false, "");
  EXPECT_EQ(policy.action(warning_name::kTestResult), WarningAction::Warn);
  EXPECT_EQ(policy.action("Anything"), WarningAction::Warn);
}

TEST(WarnErrorPolicy, WarnErrorMakesEveryWarningAnError) {
  WarnErrorPolicy policy = parse_ok(true, "");
  EXPECT_TRUE(policy.is_error(warning_name::kTestResult));
  EXPECT_TRUE(policy.is_error(warning_name::kNoNodesSelected));
}

TEST(WarnErrorPolicy, ErrorListPromotesOnlyTheNamedWarnings) {
  WarnErrorPolicy policy = parse_ok(false, "{error: [LogTestResult]}");
  EXPECT_TRUE(policy.is_error("LogTestResult"));
  EXPECT_EQ(policy.action("NoNodesForSelectionCriteria"), WarningAction::Warn);
}

TEST(WarnErrorPolicy, AllWithWarnAndSilenceExceptions) {
  // JSON, as dbt's docs write it, is YAML too; silence wins over warn, warn over error.
  WarnErrorPolicy policy = parse_ok(
      false, R"({"error": "all", "warn": ["NoNodesForSelectionCriteria", "LogTestResult"], "silence": ["LogTestResult"]})");
  EXPECT_TRUE(policy.is_error("ProjectConfigWarning"));
  EXPECT_EQ(policy.action("NoNodesForSelectionCriteria"), WarningAction::Warn);
  EXPECT_EQ(policy.action("LogTestResult"), WarningAction::Silence);
}

TEST(WarnErrorPolicy, OlderIncludeAndExcludeKeysAndStar) {
  WarnErrorPolicy policy = parse_ok(false, "{include: '*', exclude: [JinjaLogWarning]}");
  EXPECT_TRUE(policy.is_error("LogFreshnessResult"));
  EXPECT_EQ(policy.action("JinjaLogWarning"), WarningAction::Warn);
  EXPECT_TRUE(parse_ok(false, "{error: [all]}").is_error("Whatever"));
}

TEST(WarnErrorPolicy, SilenceAloneKeepsOtherWarnings) {
  WarnErrorPolicy policy = parse_ok(false, "silence: [NoNodesForSelectionCriteria]");
  EXPECT_EQ(policy.action("NoNodesForSelectionCriteria"), WarningAction::Silence);
  EXPECT_EQ(policy.action("LogTestResult"), WarningAction::Warn);
}

TEST(WarnErrorPolicy, ErrorsPointIntoTheOptionText) {
  EXPECT_EQ(parse_error(false, "{errors: [a]}"),
            "--warn-error-options:1:2: error: unknown key 'errors' in --warn-error-options\n"
            " 1 | {errors: [a]}\n"
            "   |  ^^^^^^\n"
            "hint: the keys are error (or include), warn (or exclude) and silence\n");
  EXPECT_NE(parse_error(false, "{warn: all}").find("--warn-error-options:1:8: error: 'warn' must be a list of warning names\n"),
            std::string::npos);
  EXPECT_NE(parse_error(false, "[error]").find("must be a YAML mapping"), std::string::npos);
  EXPECT_NE(parse_error(false, "{error: [").find("--warn-error-options:1:"), std::string::npos);
  EXPECT_NE(parse_error(true, "{error: all}").find("cannot be used together"), std::string::npos);
}

}  // namespace
}  // namespace strata::cli
