#pragma once
// How S3 failures read: what was being accessed, the status and S3's error Code and Message,
// which endpoint said so, and what to do about it. E.g.
//   s3://bucket/key: 403 SignatureDoesNotMatch from http://127.0.0.1:8080: The request
//   signature we calculated does not match the signature you provided...
//   hint: check AWS_SECRET_ACCESS_KEY ...
#include <string>

#include "common/error.h"
#include "load/s3_xml.h"

namespace strata::load {

struct S3ErrorContext {
  std::string resource;            // "s3://bucket/key" or "s3://bucket/prefix/ (list)"
  std::string endpoint;            // "http://127.0.0.1:8080"
  std::string credentials_source;  // AwsSettings::credentials_source
  std::string region;
};

// An HTTP error answer. `body` may be empty (HEAD has no body): a code is then derived from
// the status (404 NotFound, 403 Forbidden, ...).
Error s3_http_error(const S3ErrorContext& context, long status, const S3ErrorBody& body);
// A failure below HTTP (connect refused, timeout, reset): libcurl's text and the URL.
Error s3_transport_error(const S3ErrorContext& context, const std::string& url, const std::string& curl_message,
                         int attempts);
// What to do about an S3 error code.
std::string s3_error_hint(const std::string& code, const S3ErrorContext& context);

}  // namespace strata::load
