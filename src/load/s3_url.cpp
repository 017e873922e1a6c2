#include "load/s3_url.h"

#include <algorithm>

namespace strata::load {

namespace {
Error usage(std::string message, std::string hint) {
  return Error(ErrorCode::Usage, std::move(message)).with_hint(std::move(hint));
}
bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}
}  // namespace

Result<S3Uri> parse_s3_uri(std::string_view text) {
  constexpr std::string_view scheme = "s3://";
  if (text.substr(0, scheme.size()) != scheme)
    return usage("'" + std::string(text) + "' is not an s3:// URI", "write it as s3://bucket/prefix/");
  std::string_view rest = text.substr(scheme.size());
  size_t slash = rest.find('/');
  S3Uri uri;
  uri.bucket = std::string(rest.substr(0, slash));
  if (slash != std::string_view::npos) uri.key = std::string(rest.substr(slash + 1));
  if (uri.bucket.empty())
    return usage("'" + std::string(text) + "' has no bucket name", "write it as s3://bucket/prefix/");
  if (uri.bucket.size() < 3 || uri.bucket.size() > 63 ||
      !std::all_of(uri.bucket.begin(), uri.bucket.end(), [](unsigned char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
               c == '.' || c == '_';
      }))
    return usage("'" + uri.bucket + "' in '" + std::string(text) + "' is not a valid bucket name",
                 "bucket names are 3-63 characters of letters, digits, '-', '.' and '_'");
  return uri;
}

Result<AddressingStyle> parse_addressing_style(std::string_view text) {
  if (text.empty() || text == "auto") return AddressingStyle::Auto;
  if (text == "path") return AddressingStyle::Path;
  if (text == "virtual" || text == "virtual-hosted") return AddressingStyle::VirtualHosted;
  return usage("unknown S3 addressing style '" + std::string(text) + "'", "use auto, path or virtual");
}

Result<Endpoint> parse_endpoint(std::string_view url) {
  Endpoint endpoint;
  size_t sep = url.find("://");
  if (sep == std::string_view::npos)
    return usage("S3 endpoint '" + std::string(url) + "' has no scheme",
                 "write it as http://host:port or https://host (AWS_ENDPOINT_URL)");
  endpoint.scheme = std::string(url.substr(0, sep));
  std::transform(endpoint.scheme.begin(), endpoint.scheme.end(), endpoint.scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (endpoint.scheme != "http" && endpoint.scheme != "https")
    return usage("S3 endpoint '" + std::string(url) + "' must use http or https", "e.g. http://127.0.0.1:9000");
  std::string_view rest = url.substr(sep + 3);
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.empty() || rest.find_first_of("/?#@ ") != std::string_view::npos)
    return usage("S3 endpoint '" + std::string(url) + "' must be scheme://host[:port] with no path",
                 "e.g. http://127.0.0.1:9000 or https://s3.eu-west-1.amazonaws.com");
  endpoint.authority = std::string(rest);
  return endpoint;
}

Endpoint aws_endpoint(std::string_view region) {
  Endpoint endpoint;
  endpoint.scheme = "https";
  endpoint.authority = "s3." + std::string(region) + ".amazonaws.com";
  endpoint.is_aws = true;
  return endpoint;
}

bool is_dns_compatible_bucket(std::string_view bucket) {
  if (bucket.size() < 3 || bucket.size() > 63) return false;
  if (bucket.front() == '-' || bucket.back() == '-') return false;
  return std::all_of(bucket.begin(), bucket.end(), [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

RequestTarget request_target(const Endpoint& endpoint, AddressingStyle style, std::string_view bucket,
                             std::string_view key) {
  bool virtual_hosted = style == AddressingStyle::VirtualHosted ||
                        (style == AddressingStyle::Auto && endpoint.is_aws && is_dns_compatible_bucket(bucket));
  RequestTarget target;
  target.scheme = endpoint.scheme;
  if (virtual_hosted) {
    target.host = std::string(bucket) + "." + endpoint.authority;
    target.path = "/" + uri_encode(key, true);
  } else {
    target.host = endpoint.authority;
    target.path = "/" + uri_encode(bucket, false);
    if (!key.empty()) target.path += "/" + uri_encode(key, true);
  }
  return target;
}

std::string RequestTarget::url(std::string_view query) const {
  std::string out = scheme + "://" + host + path;
  if (!query.empty()) out += "?" + std::string(query);
  return out;
}

std::string uri_encode(std::string_view text, bool keep_slash) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (unreserved(c) || (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += digits[c >> 4];
      out += digits[c & 15];
    }
  }
  return out;
}

std::string canonical_query(const QueryParams& params) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(params.size());
  for (const auto& [name, value] : params) encoded.emplace_back(uri_encode(name, false), uri_encode(value, false));
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) out += '&';
    out += name + "=" + value;
  }
  return out;
}

}  // namespace strata::load
