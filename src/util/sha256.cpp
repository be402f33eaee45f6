#include "util/sha256.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>
#include <string>

#include "util/libcrypto.hpp"

namespace forge::util {

namespace {

// OpenSSL's digest functions, from libcrypto loaded the first time something is hashed.
struct Crypto {
  decltype(&EVP_Digest) digest = nullptr;
  decltype(&EVP_sha256) sha256 = nullptr;
  decltype(&EVP_MD_CTX_new) context_new = nullptr;
  decltype(&EVP_MD_CTX_free) context_free = nullptr;
  decltype(&EVP_DigestInit_ex) init = nullptr;
  decltype(&EVP_DigestUpdate) update = nullptr;
  decltype(&EVP_DigestFinal_ex) final = nullptr;
};

Crypto load_crypto() {
  Crypto crypto;
  bind_libcrypto("EVP_Digest", crypto.digest);
  bind_libcrypto("EVP_sha256", crypto.sha256);
  bind_libcrypto("EVP_MD_CTX_new", crypto.context_new);
  bind_libcrypto("EVP_MD_CTX_free", crypto.context_free);
  bind_libcrypto("EVP_DigestInit_ex", crypto.init);
  bind_libcrypto("EVP_DigestUpdate", crypto.update);
  bind_libcrypto("EVP_DigestFinal_ex", crypto.final);
  return crypto;
}

const Crypto& crypto() {
  static const Crypto loaded = load_crypto();  // thread-safe; a failure is retried next call
  return loaded;
}

std::string hex_of(const unsigned char* digest, unsigned int length) {
  static const char* k_hex = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out += k_hex[digest[i] >> 4];
    out += k_hex[digest[i] & 0x0f];
  }
  return out;
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  const Crypto& c = crypto();
  if (c.digest(data.data(), data.size(), digest.data(), &length, c.sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return hex_of(digest.data(), length);
}

struct Sha256::Context {
  EVP_MD_CTX* context = crypto().context_new();
  ~Context() { crypto().context_free(context); }
};

Sha256::Sha256() : m_context(std::make_unique<Context>()) {
  if (m_context->context == nullptr ||
      crypto().init(m_context->context, crypto().sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
}

Sha256::~Sha256() = default;

void Sha256::update(std::string_view data) {
  if (crypto().update(m_context->context, data.data(), data.size()) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
}

std::string Sha256::hex() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (crypto().final(m_context->context, digest.data(), &length) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return hex_of(digest.data(), length);
}

}  // namespace forge::util
