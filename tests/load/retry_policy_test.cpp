#include <gtest/gtest.h>

#include <curl/curl.h>

#include "load/retry_policy.h"

namespace strata::load {
namespace {

using std::chrono::milliseconds;

TEST(RetryPolicy, RetryableHttpAnswers) {
  EXPECT_TRUE(is_retryable_http(503, "SlowDown"));
  EXPECT_TRUE(is_retryable_http(503, ""));
  EXPECT_TRUE(is_retryable_http(500, "InternalError"));
  EXPECT_TRUE(is_retryable_http(502, ""));
  EXPECT_TRUE(is_retryable_http(429, ""));
  EXPECT_TRUE(is_retryable_http(400, "RequestTimeout"));  // S3 sends this as a 400
  EXPECT_TRUE(is_retryable_http(200, "InternalError"));   // CompleteMultipartUpload's 200-with-error
  EXPECT_FALSE(is_retryable_http(501, "NotImplemented"));
  EXPECT_FALSE(is_retryable_http(403, "SignatureDoesNotMatch"));
  EXPECT_FALSE(is_retryable_http(404, "NoSuchKey"));
  EXPECT_FALSE(is_retryable_http(400, "BadDigest"));
}

TEST(RetryPolicy, RetryableTransportFailures) {
  EXPECT_TRUE(is_retryable_transport(CURLE_COULDNT_CONNECT));
  EXPECT_TRUE(is_retryable_transport(CURLE_OPERATION_TIMEDOUT));
  EXPECT_TRUE(is_retryable_transport(CURLE_RECV_ERROR));
  EXPECT_TRUE(is_retryable_transport(CURLE_PARTIAL_FILE));
  EXPECT_FALSE(is_retryable_transport(CURLE_URL_MALFORMAT));
  EXPECT_FALSE(is_retryable_transport(CURLE_COULDNT_RESOLVE_HOST));
  EXPECT_FALSE(is_retryable_transport(CURLE_WRITE_ERROR));  // our sink refused the data
  EXPECT_FALSE(is_retryable_transport(CURLE_PEER_FAILED_VERIFICATION));
}

TEST(RetryPolicy, AttemptsAreBounded) {
  RetryPolicy policy;
  policy.max_attempts = 3;
  EXPECT_TRUE(should_retry(policy, 1, true));
  EXPECT_TRUE(should_retry(policy, 2, true));
  EXPECT_FALSE(should_retry(policy, 3, true));
  EXPECT_FALSE(should_retry(policy, 1, false));
}

TEST(RetryPolicy, ExponentialBackoffWithFullJitterIsCapped) {
  RetryPolicy policy;
  policy.base_delay = milliseconds(100);
  policy.max_delay = milliseconds(1000);
  // random01 close to 1 shows the cap of each attempt: 100, 200, 400, 800, then 1000 forever.
  EXPECT_EQ(backoff_delay(policy, 1, 0.999999), milliseconds(99));
  EXPECT_EQ(backoff_delay(policy, 2, 0.999999), milliseconds(199));
  EXPECT_EQ(backoff_delay(policy, 3, 0.999999), milliseconds(399));
  EXPECT_EQ(backoff_delay(policy, 4, 0.999999), milliseconds(799));
  EXPECT_EQ(backoff_delay(policy, 5, 0.999999), milliseconds(999));
  EXPECT_EQ(backoff_delay(policy, 40, 0.999999), milliseconds(999));
  EXPECT_EQ(backoff_delay(policy, 3, 0.5), milliseconds(200));
  EXPECT_EQ(backoff_delay(policy, 3, 0.0), milliseconds(0));
}

}  // namespace
}  // namespace strata::load
