#pragma once
// The few S3 XML documents the client reads and writes (pugixml): ListObjectsV2 results,
// error bodies, multipart upload initiation/completion.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace strata::load {

struct ObjectInfo {
  std::string key;
  uint64_t size = 0;
  std::string etag;           // without quotes; "<md5 hex>" for single-part uploads, "<hex>-N" for multipart
  std::string last_modified;  // ISO 8601 UTC, e.g. 2026-11-23T00:05:01.000Z (HEAD's HTTP date is converted)
};

struct ListPage {
  std::vector<ObjectInfo> objects;
  std::vector<std::string> common_prefixes;  // only with a delimiter
  bool truncated = false;
  std::string next_continuation_token;
};

// S3's <Error><Code>..</Code><Message>..</Message></Error>; empty fields if not that shape.
struct S3ErrorBody {
  std::string code;
  std::string message;
  std::string request_id;
};

// url_encoded: the request asked for encoding-type=url, so Key and Prefix are decoded here
// (that lets keys with characters XML 1.0 cannot carry be listed).
Result<ListPage> parse_list_objects_v2(std::string_view xml, bool url_encoded = false);
// application/x-www-form-urlencoded decoding ('+' is a space), as S3's encoding-type=url.
std::string url_decode(std::string_view text);
S3ErrorBody parse_error_body(std::string_view xml);
Result<std::string> parse_initiate_multipart_upload(std::string_view xml);  // the UploadId
// CompleteMultipartUpload can answer 200 with an <Error> body: that comes back as error_code.
struct CompleteMultipartResult {
  std::string etag;
  S3ErrorBody error;
};
Result<CompleteMultipartResult> parse_complete_multipart_upload(std::string_view xml);

struct CompletedPart {
  int number = 0;
  std::string etag;  // as returned by UploadPart (quotes kept or not; written quoted)
};
std::string complete_multipart_upload_body(const std::vector<CompletedPart>& parts);

// "Mon, 23 Nov 2026 00:15:16 GMT" -> "2026-11-23T00:15:16.000Z" (as listings write it);
// returned unchanged if it is not an RFC 7231 date.
std::string http_date_to_iso8601(const std::string& http_date);

// Strips the surrounding double quotes of an ETag header/element value.
std::string unquote_etag(std::string_view etag);

}  // namespace strata::load
