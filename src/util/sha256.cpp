#include "util/sha256.hpp"

#include <dlfcn.h>
#include <openssl/evp.h>

#include <array>
#include <stdexcept>
#include <string>

#ifndef FORGE_LIBCRYPTO_SONAME
#define FORGE_LIBCRYPTO_SONAME "libcrypto.so.3"
#endif

namespace forge::util {

namespace {

// OpenSSL's digest functions, from libcrypto loaded the first time something is hashed: most
// runs (a status or a no-op migrate with the unit cache) hash nothing, and binding libcrypto's
// ~4,000 symbols at start-up cost them a quarter of their time.
struct Crypto {
  decltype(&EVP_Digest) digest = nullptr;
  decltype(&EVP_sha256) sha256 = nullptr;
  decltype(&EVP_MD_CTX_new) context_new = nullptr;
  decltype(&EVP_MD_CTX_free) context_free = nullptr;
  decltype(&EVP_DigestInit_ex) init = nullptr;
  decltype(&EVP_DigestUpdate) update = nullptr;
  decltype(&EVP_DigestFinal_ex) final = nullptr;
};

template <typename Function>
void bind(void* library, const char* name, Function& function) {
  function = reinterpret_cast<Function>(::dlsym(library, name));
  if (function == nullptr) {
    throw std::runtime_error(std::string("SHA-256: ") + FORGE_LIBCRYPTO_SONAME + " has no " + name +
                             "; reinstall OpenSSL 3's libcrypto (Debian: libssl3)");
  }
}

Crypto load_crypto() {
  void* library = ::dlopen(FORGE_LIBCRYPTO_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    const char* reason = ::dlerror();
    throw std::runtime_error(std::string("SHA-256 needs OpenSSL 3's libcrypto: ") +
                             (reason != nullptr ? reason : FORGE_LIBCRYPTO_SONAME) +
                             "; install it (Debian: libssl3)");
  }
  Crypto crypto;
  bind(library, "EVP_Digest", crypto.digest);
  bind(library, "EVP_sha256", crypto.sha256);
  bind(library, "EVP_MD_CTX_new", crypto.context_new);
  bind(library, "EVP_MD_CTX_free", crypto.context_free);
  bind(library, "EVP_DigestInit_ex", crypto.init);
  bind(library, "EVP_DigestUpdate", crypto.update);
  bind(library, "EVP_DigestFinal_ex", crypto.final);
  return crypto;  // libcrypto stays loaded for the life of the process
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
