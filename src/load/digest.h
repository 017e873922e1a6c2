#pragma once
// Hashes and encodings S3 needs: SHA-256 (SigV4 payload hashes), HMAC-SHA256 (SigV4 signing
// keys), MD5 (Content-MD5 on uploads, ETag checks on downloads), hex and base64. OpenSSL EVP.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace strata::load {

using Sha256Digest = std::array<uint8_t, 32>;
using Md5Digest = std::array<uint8_t, 16>;

Sha256Digest sha256(std::string_view data);
Md5Digest md5(std::string_view data);
Sha256Digest hmac_sha256(std::string_view key, std::string_view data);

std::string hex(const uint8_t* data, size_t size);
template <size_t N>
std::string hex(const std::array<uint8_t, N>& digest) { return hex(digest.data(), N); }
std::string base64(const uint8_t* data, size_t size);
template <size_t N>
std::string base64(const std::array<uint8_t, N>& digest) { return base64(digest.data(), N); }

inline std::string sha256_hex(std::string_view data) { return hex(sha256(data)); }

// Incremental MD5 for streamed downloads (the ETag of a single-part object is its MD5).
class Md5Stream {
 public:
  Md5Stream();
  ~Md5Stream();
  Md5Stream(const Md5Stream&) = delete;
  Md5Stream& operator=(const Md5Stream&) = delete;
  void update(std::string_view data);
  Md5Digest finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace strata::load
