#include "load/sigv4.h"

#include <algorithm>
#include <chrono>
#include <ctime>

#include "load/digest.h"

namespace strata::load {

namespace {
std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Canonical header values: leading/trailing spaces trimmed, inner runs of spaces squeezed.
std::string trim_squeeze(std::string_view value) {
  std::string out;
  bool space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string digest_string(const Sha256Digest& d) { return std::string(d.begin(), d.end()); }
}  // namespace

SignedHeaders sign_request(const SignableRequest& request, const SigningKeys& keys, std::string_view amz_date) {
  std::string date(amz_date.substr(0, 8));
  std::vector<std::pair<std::string, std::string>> headers = request.headers;
  headers.emplace_back("x-amz-date", std::string(amz_date));
  headers.emplace_back("x-amz-content-sha256", request.payload_sha256);
  if (!keys.session_token.empty()) headers.emplace_back("x-amz-security-token", keys.session_token);

  std::vector<std::pair<std::string, std::string>> canonical;
  canonical.emplace_back("host", trim_squeeze(request.host));
  for (const auto& [name, value] : headers) canonical.emplace_back(lower(name), trim_squeeze(value));
  std::sort(canonical.begin(), canonical.end());

  std::string canonical_headers, signed_names;
  for (const auto& [name, value] : canonical) {
    canonical_headers += name + ":" + value + "\n";
    if (!signed_names.empty()) signed_names += ';';
    signed_names += name;
  }

  SignedHeaders out;
  out.canonical_request = request.method + "\n" + request.encoded_path + "\n" + request.canonical_query + "\n" +
                          canonical_headers + "\n" + signed_names + "\n" + request.payload_sha256;
  std::string scope = date + "/" + keys.region + "/s3/aws4_request";
  out.string_to_sign = "AWS4-HMAC-SHA256\n" + std::string(amz_date) + "\n" + scope + "\n" +
                       sha256_hex(out.canonical_request);

  Sha256Digest key = hmac_sha256("AWS4" + keys.secret_access_key, date);
  key = hmac_sha256(digest_string(key), keys.region);
  key = hmac_sha256(digest_string(key), "s3");
  key = hmac_sha256(digest_string(key), "aws4_request");
  std::string signature = hex(hmac_sha256(digest_string(key), out.string_to_sign));

  out.headers = std::move(headers);
  out.headers.emplace_back("Authorization", "AWS4-HMAC-SHA256 Credential=" + keys.access_key_id + "/" + scope +
                                                ",SignedHeaders=" + signed_names + ",Signature=" + signature);
  return out;
}

std::string amz_date_now() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y%m%dT%H%M%SZ", &utc);
  return buffer;
}

}  // namespace strata::load
