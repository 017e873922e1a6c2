#include "load/digest.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

namespace strata::load {

namespace {
template <size_t N>
std::array<uint8_t, N> evp_digest(const EVP_MD* md, std::string_view data) {
  std::array<uint8_t, N> out{};
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &size, md, nullptr) != 1 || size != N)
    throw std::runtime_error("OpenSSL digest failed");
  return out;
}
}  // namespace

Sha256Digest sha256(std::string_view data) { return evp_digest<32>(EVP_sha256(), data); }
Md5Digest md5(std::string_view data) { return evp_digest<16>(EVP_md5(), data); }

Sha256Digest hmac_sha256(std::string_view key, std::string_view data) {
  Sha256Digest out{};
  unsigned int size = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(), &size) ||
      size != out.size())
    throw std::runtime_error("OpenSSL HMAC failed");
  return out;
}

std::string hex(const uint8_t* data, size_t size) {
  static const char* digits = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (size_t i = 0; i < size; ++i) {
    out[2 * i] = digits[data[i] >> 4];
    out[2 * i + 1] = digits[data[i] & 15];
  }
  return out;
}

std::string base64(const uint8_t* data, size_t size) {
  std::string out(4 * ((size + 2) / 3), '\0');
  int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
  out.resize(written < 0 ? 0 : static_cast<size_t>(written));
  return out;
}

struct Md5Stream::State {
  EVP_MD_CTX* ctx = nullptr;
};

Md5Stream::Md5Stream() : state_(std::make_unique<State>()) {
  state_->ctx = EVP_MD_CTX_new();
  if (!state_->ctx || EVP_DigestInit_ex(state_->ctx, EVP_md5(), nullptr) != 1)
    throw std::runtime_error("OpenSSL MD5 init failed");
}

Md5Stream::~Md5Stream() { EVP_MD_CTX_free(state_->ctx); }

void Md5Stream::update(std::string_view data) { EVP_DigestUpdate(state_->ctx, data.data(), data.size()); }

Md5Digest Md5Stream::finish() {
  Md5Digest out{};
  unsigned int size = 0;
  EVP_DigestFinal_ex(state_->ctx, out.data(), &size);
  return out;
}

}  // namespace strata::load
