#pragma once
// When to retry an S3 request and how long to wait: bounded attempts, exponential backoff
// with full jitter (AWS's recommendation), on throttling (429, 503 SlowDown), 5xx, S3's
// transient error codes and connection-level failures. The clock and randomness are injected.
#include <chrono>
#include <functional>
#include <string_view>

namespace strata::load {

struct RetryPolicy {
  int max_attempts = 5;                          // first try included
  std::chrono::milliseconds base_delay{100};     // cap for the first retry's jitter
  std::chrono::milliseconds max_delay{5000};     // cap for any single wait
};

// The outside world a retry loop needs; tests pass a recording sleeper and fixed randomness.
struct RetryEnvironment {
  std::function<void(std::chrono::milliseconds)> sleep;
  std::function<double()> random01;  // uniform in [0, 1)
  static RetryEnvironment system();
};

// An HTTP answer worth retrying: 408, 429, 5xx except 501, or a transient S3 error code
// (SlowDown, RequestTimeout, InternalError, ServiceUnavailable, ...), whatever the status.
bool is_retryable_http(long status, std::string_view s3_error_code);
// A libcurl failure worth retrying (connect refused/timed out, reset, partial transfer, ...);
// not for malformed URLs, unresolvable hosts, TLS certificate problems or aborts we caused.
bool is_retryable_transport(int curl_code);

// Whether to try again after `attempt` (1-based) failed with a retryable error.
inline bool should_retry(const RetryPolicy& policy, int attempt, bool retryable) {
  return retryable && attempt < policy.max_attempts;
}
// Full jitter: uniform in [0, min(max_delay, base_delay * 2^(attempt-1))).
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int attempt, double random01);

}  // namespace strata::load
