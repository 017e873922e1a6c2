#pragma once
// Where an S3 request goes: s3:// URIs, endpoints, path-style vs virtual-hosted addressing,
// and the URI/query encoding SigV4 requires (the same encoded strings go on the wire and
// into the signature, so they can never disagree).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace strata::load {

// s3://bucket/key-or-prefix. `key` may be empty (the whole bucket) or end with '/'.
struct S3Uri {
  std::string bucket;
  std::string key;
  std::string str() const { return "s3://" + bucket + "/" + key; }
};

// Parses "s3://bucket", "s3://bucket/", "s3://bucket/prefix/", "s3://bucket/a/b.csv".
Result<S3Uri> parse_s3_uri(std::string_view text);

enum class AddressingStyle {
  Auto,           // virtual-hosted on AWS for DNS-safe bucket names, path-style elsewhere
  Path,           // http://host/bucket/key
  VirtualHosted,  // http://bucket.host/key
};
Result<AddressingStyle> parse_addressing_style(std::string_view text);  // auto|path|virtual

struct Endpoint {
  std::string scheme;     // http or https
  std::string authority;  // host[:port], as sent in the Host header
  bool is_aws = false;    // the default AWS endpoint (enables virtual-hosted addressing)
  std::string str() const { return scheme + "://" + authority; }
};

// http(s)://host[:port] (a trailing '/' is accepted; a path is not: S3 has none there).
Result<Endpoint> parse_endpoint(std::string_view url);
// https://s3.<region>.amazonaws.com
Endpoint aws_endpoint(std::string_view region);

// The host and the encoded path of one request.
struct RequestTarget {
  std::string scheme;
  std::string host;  // Host header
  std::string path;  // URI-encoded, starts with '/'
  std::string url(std::string_view canonical_query) const;
};
RequestTarget request_target(const Endpoint& endpoint, AddressingStyle style, std::string_view bucket,
                             std::string_view key);

// RFC 3986 percent-encoding of everything but A-Z a-z 0-9 - . _ ~ (and '/' when kept), as
// SigV4 specifies; UTF-8 bytes are encoded one by one.
std::string uri_encode(std::string_view text, bool keep_slash);

// "a=1&b=x%2Fy": names and values encoded, sorted by encoded name then value (SigV4 order).
using QueryParams = std::vector<std::pair<std::string, std::string>>;
std::string canonical_query(const QueryParams& params);

// A bucket name usable as a DNS label under virtual-hosted addressing over TLS.
bool is_dns_compatible_bucket(std::string_view bucket);

}  // namespace strata::load
