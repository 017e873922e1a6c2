#include "load/retry_policy.h"

#include <curl/curl.h>

#include <algorithm>
#include <random>
#include <thread>

namespace strata::load {

RetryEnvironment RetryEnvironment::system() {
  RetryEnvironment env;
  env.sleep = [](std::chrono::milliseconds delay) { std::this_thread::sleep_for(delay); };
  env.random01 = [] {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
  };
  return env;
}

bool is_retryable_http(long status, std::string_view code) {
  for (std::string_view transient : {"SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable",
                                     "Throttling", "ThrottlingException", "RequestThrottled", "TooManyRequests",
                                     "IncompleteBody"})
    if (code == transient) return true;
  return status == 408 || status == 429 || (status >= 500 && status != 501);
}

bool is_retryable_transport(int curl_code) {
  switch (curl_code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_WEIRD_SERVER_REPLY:
      return true;
    default:
      return false;
  }
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int attempt, double random01) {
  double cap = static_cast<double>(policy.base_delay.count());
  for (int i = 1; i < attempt && cap < static_cast<double>(policy.max_delay.count()); ++i) cap *= 2;
  cap = std::min(cap, static_cast<double>(policy.max_delay.count()));
  double r = std::clamp(random01, 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<long long>(cap * r));
}

}  // namespace strata::load
