#pragma once
// The flags of one invocation that change how nodes are built.
#include <optional>
#include <string>

namespace strata::exec {

struct RunFlags {
  bool full_refresh = false;
  bool empty = false;            // --empty: refs and sources read as zero rows
  bool store_failures = false;   // --store-failures (tests)
  bool test_warn_is_error = false;  // --warn-error (LogTestResult): a test that would warn fails
  std::optional<std::string> event_time_start;  // --event-time-start (microbatch)
  std::optional<std::string> event_time_end;    // --event-time-end
  std::string run_started_at;    // ISO-8601 UTC, the microbatch "now"
};

}  // namespace strata::exec
