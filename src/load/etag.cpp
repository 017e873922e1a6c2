#include "load/etag.h"

#include <algorithm>
#include <cctype>

namespace strata::load {

bool is_md5_etag(const std::string& etag) {
  return etag.size() == 32 && std::all_of(etag.begin(), etag.end(), [](unsigned char c) { return std::isxdigit(c); });
}

bool etag_is_content_md5(const HttpResponse& response, const std::string& etag) {
  return is_md5_etag(etag) && response.header("x-amz-server-side-encryption") != "aws:kms" &&
         response.header("x-amz-server-side-encryption-customer-algorithm").empty();
}

bool md5_matches_etag(const std::string& md5_hex, const std::string& etag) {
  return md5_hex.size() == etag.size() &&
         std::equal(md5_hex.begin(), md5_hex.end(), etag.begin(),
                    [](unsigned char a, unsigned char b) { return std::tolower(a) == std::tolower(b); });
}

}  // namespace strata::load
