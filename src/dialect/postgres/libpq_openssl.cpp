// What libpq's authentication asks of OpenSSL, made cheaper.
//
// libpq 15 works out SCRAM-SHA-256's salted password with one HMAC_Init_ex per PBKDF2 round
// (4,096 a connection by default), each handed EVP_sha256(): a legacy digest, which OpenSSL 3
// looks up in its providers afresh on every use, three times a round (name lookup, locks):
// ~1.6 ms of every connect on a 2-core VM, a fleet paying it once per tenant.
//
// This file defines HMAC_Init_ex. libpq binds to it rather than to libcrypto's: in the forge
// binary the PostgreSQL module that holds it comes before libcrypto in libpq's lookup scope (libpq
// is loaded as the module's dependency), and a test binary's own definitions come first. It hands
// libcrypto's HMAC_Init_ex the same digest fetched once (EVP_MD_fetch with the default library
// context and properties, the fetch OpenSSL makes implicitly), so each round skips the lookup;
// everything else goes through unchanged.
//
// And SCRAM's first message needs OpenSSL started (its configuration file read, its providers
// and random generator set up: ~1 ms here), which libpq does only once the server has answered.
// warm_up_openssl() does it beforehand on a thread that is idle by then.
#include "dialect/postgres/libpq_openssl.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <exception>
#include <mutex>

#include "util/libcrypto.hpp"

// OpenSSL's types by their struct tags: its headers declare HMAC_Init_ex deprecated, and the
// definition below must not clash with theirs.
struct hmac_ctx_st;
struct evp_md_st;
struct engine_st;
struct ossl_provider_st;
struct ossl_lib_ctx_st;

namespace {

struct Crypto {
  int (*hmac_init)(hmac_ctx_st*, const void*, int, const evp_md_st*, engine_st*) = nullptr;
  const ossl_provider_st* (*provider_of)(const evp_md_st*) = nullptr;
  const char* (*name_of)(const evp_md_st*) = nullptr;
  evp_md_st* (*fetch)(ossl_lib_ctx_st*, const char*, const char*) = nullptr;
  int (*init_crypto)(std::uint64_t, const void*) = nullptr;
  int (*random_bytes)(unsigned char*, int) = nullptr;
};

constexpr std::uint64_t k_init_load_config = 0x40;  // OPENSSL_INIT_LOAD_CONFIG

// libcrypto's own functions (util::libcrypto_function searches from libcrypto itself, so its
// HMAC_Init_ex is found, not this file's). All or none, and never an exception: they are called
// from libpq's C code (with none, there is no libcrypto, so no HMAC context either).
const Crypto& crypto() {
  static const Crypto loaded = [] {
    using forge::util::bind_libcrypto;
    Crypto found;
    try {
      bind_libcrypto("HMAC_Init_ex", found.hmac_init);
      bind_libcrypto("EVP_MD_get0_provider", found.provider_of);
      bind_libcrypto("EVP_MD_get0_name", found.name_of);
      bind_libcrypto("EVP_MD_fetch", found.fetch);
      bind_libcrypto("OPENSSL_init_crypto", found.init_crypto);
      bind_libcrypto("RAND_bytes", found.random_bytes);
    } catch (const std::exception&) {
      return Crypto{};
    }
    return found;
  }();
  return loaded;
}

// Legacy digest -> the same digest fetched, filled once each and read without a lock (every
// PBKDF2 round reads it). A few slots: libpq asks for SHA-256 only; fetched digests live as long
// as the process, as the HMAC contexts that point at them may.
constexpr std::size_t k_slots = 8;
std::array<std::atomic<const evp_md_st*>, k_slots> g_legacy{};
std::array<std::atomic<const evp_md_st*>, k_slots> g_fetched{};
std::mutex g_filling;
std::atomic<std::size_t> g_substituted{0};

const evp_md_st* fetched_for(const evp_md_st* legacy, const Crypto& functions) {
  for (std::size_t i = 0; i < k_slots; ++i) {
    const evp_md_st* known = g_legacy[i].load(std::memory_order_acquire);
    if (known == legacy) return g_fetched[i].load(std::memory_order_relaxed);
    if (known == nullptr) break;
  }
  const std::lock_guard<std::mutex> filling(g_filling);
  for (std::size_t i = 0; i < k_slots; ++i) {
    const evp_md_st* known = g_legacy[i].load(std::memory_order_relaxed);
    if (known == legacy) return g_fetched[i].load(std::memory_order_relaxed);
    if (known != nullptr) continue;
    const char* name = functions.name_of(legacy);
    const evp_md_st* fetched = name != nullptr ? functions.fetch(nullptr, name, nullptr) : nullptr;
    g_fetched[i].store(fetched, std::memory_order_relaxed);  // null: use the legacy one
    g_legacy[i].store(legacy, std::memory_order_release);
    return fetched;
  }
  return nullptr;  // every slot taken: no shortcut for this one
}

}  // namespace

extern "C" __attribute__((visibility("default"))) int HMAC_Init_ex(hmac_ctx_st* context,
                                                                   const void* key, int length,
                                                                   const evp_md_st* digest,
                                                                   engine_st* engine) {
  const Crypto& functions = crypto();
  if (functions.hmac_init == nullptr) return 0;  // no libcrypto: no HMAC context could exist
  // A legacy digest (no provider) without an engine is what OpenSSL would fetch itself.
  if (digest != nullptr && engine == nullptr && functions.provider_of(digest) == nullptr) {
    if (const evp_md_st* fetched = fetched_for(digest, functions)) {
      digest = fetched;
      g_substituted.fetch_add(1, std::memory_order_relaxed);
    }
  }
  return functions.hmac_init(context, key, length, digest, engine);
}

namespace forge::dialect::postgres {

std::size_t hmac_digests_substituted() { return g_substituted.load(std::memory_order_relaxed); }

void warm_up_openssl() {
  const Crypto& functions = crypto();
  if (functions.init_crypto == nullptr) return;  // no libcrypto: nothing to start
  // What libpq's first SCRAM step does first: OpenSSL's default start, then a nonce.
  functions.init_crypto(k_init_load_config, nullptr);
  unsigned char discarded = 0;
  functions.random_bytes(&discarded, 1);
}

}  // namespace forge::dialect::postgres
