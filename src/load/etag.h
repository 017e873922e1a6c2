#pragma once
// What an S3 ETag says about the bytes: for a plain single-part object it is their MD5 (hex);
// multipart objects have "<hex>-<parts>", and SSE-KMS / SSE-C objects something opaque.
#include <string>

#include "load/http_transport.h"

namespace strata::load {

// 32 hex digits (no "-N" suffix).
bool is_md5_etag(const std::string& etag);
// The ETag in this response can be compared with an MD5 of the content.
bool etag_is_content_md5(const HttpResponse& response, const std::string& etag);
// Case-insensitive comparison of an MD5 hex string with an ETag.
bool md5_matches_etag(const std::string& md5_hex, const std::string& etag);

}  // namespace strata::load
