#pragma once
// AWS Signature Version 4 for S3, on OpenSSL (libcurl 7.88's CURLOPT_AWS_SIGV4 neither sends
// x-amz-content-sha256 nor canonicalises queries, see docs/notes/s3.md). Pure functions of
// their inputs, so AWS's documented example vectors are unit tests.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace strata::load {

inline constexpr std::string_view kEmptyPayloadSha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";

struct SigningKeys {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // sent as x-amz-security-token when set
  std::string region;
};

struct SignableRequest {
  std::string method;           // GET, PUT, ...
  std::string host;             // Host header value
  std::string encoded_path;     // already URI-encoded (see uri_encode)
  std::string canonical_query;  // already encoded and sorted (see canonical_query)
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers to send and sign
  std::string payload_sha256;   // hex SHA-256 of the body, or UNSIGNED-PAYLOAD
};

struct SignedHeaders {
  // Every header to send (host excluded: the HTTP client sets it from the URL), including
  // x-amz-date, x-amz-content-sha256, x-amz-security-token and Authorization.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string canonical_request;  // kept for diagnostics and tests
  std::string string_to_sign;
};

// amz_date: "YYYYMMDDTHHMMSSZ" (UTC).
SignedHeaders sign_request(const SignableRequest& request, const SigningKeys& keys, std::string_view amz_date);

// The current UTC time as an x-amz-date value.
std::string amz_date_now();

}  // namespace strata::load
