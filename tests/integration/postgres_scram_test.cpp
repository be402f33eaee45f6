// libpq's SCRAM rounds go through forge's HMAC_Init_ex, which hands OpenSSL a digest fetched
// once (src/dialect/postgres/libpq_openssl.cpp): the HMAC it computes is OpenSSL's own,
// and a password connection to the throwaway server (SCRAM-SHA-256) really takes that path.
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "dialect/postgres/libpq_openssl.hpp"
#include "test_database.hpp"

struct hmac_ctx_st;
struct evp_md_st;
struct engine_st;
extern "C" int HMAC_Init_ex(hmac_ctx_st*, const void*, int, const evp_md_st*, engine_st*);

namespace forge::testing {
namespace {

using dialect::postgres::hmac_digests_substituted;

template <typename Function>
Function from_libcrypto(const char* name) {
  void* library = ::dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
  EXPECT_NE(library, nullptr);
  auto function = reinterpret_cast<Function>(::dlsym(library, name));
  EXPECT_NE(function, nullptr) << name;
  return function;
}

std::string hex(const unsigned char* bytes, unsigned length) {
  static const char* k_digits = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < length; ++i) {
    out += k_digits[bytes[i] >> 4];
    out += k_digits[bytes[i] & 0x0f];
  }
  return out;
}

TEST(PostgresScram, AnHmacOverALegacyDigestIsOpenSslsOwnThroughTheFetchedOne) {
  auto context_new = from_libcrypto<hmac_ctx_st* (*)()>("HMAC_CTX_new");
  auto context_free = from_libcrypto<void (*)(hmac_ctx_st*)>("HMAC_CTX_free");
  auto sha256 = from_libcrypto<const evp_md_st* (*)()>("EVP_sha256");
  auto update =
      from_libcrypto<int (*)(hmac_ctx_st*, const unsigned char*, std::size_t)>("HMAC_Update");
  auto final = from_libcrypto<int (*)(hmac_ctx_st*, unsigned char*, unsigned*)>("HMAC_Final");
  const std::size_t before = hmac_digests_substituted();
  hmac_ctx_st* context = context_new();
  ASSERT_NE(context, nullptr);
  // RFC 4231, test case 2, twice: a second init with the key reuses the context, as PBKDF2 does.
  const std::string data = "what do ya want for nothing?";
  for (int round = 0; round < 2; ++round) {
    ASSERT_EQ(HMAC_Init_ex(context, "Jefe", 4, sha256(), nullptr), 1);
    ASSERT_EQ(update(context, reinterpret_cast<const unsigned char*>(data.data()), data.size()), 1);
    unsigned char mac[64];
    unsigned length = 0;
    ASSERT_EQ(final(context, mac, &length), 1);
    EXPECT_EQ(hex(mac, length), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }
  context_free(context);
  EXPECT_EQ(hmac_digests_substituted() - before, 2u);
}

TEST(PostgresScram, APasswordConnectionsRoundsTakeTheFetchedDigest) {
  TestDatabase database("postgres");
  const std::size_t before = hmac_digests_substituted();
  auto connection = database.connect();
  ASSERT_NE(connection, nullptr);
  // SCRAM-SHA-256's salted password: one HMAC a PBKDF2 round, 4,096 rounds by default.
  EXPECT_GE(hmac_digests_substituted() - before, 4096u);
}

// warm_up_openssl() runs on the main thread while the session thread is in libpq's connect
// (cli/context.cpp): whichever starts OpenSSL first, both go on, and again for the next one.
TEST(PostgresScram, OpenSslWarmedBesideAConnectingSessionLeavesItWorking) {
  TestDatabase database("postgres");
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::thread warming(dialect::postgres::warm_up_openssl);
    auto connection = database.connect();
    warming.join();
    ASSERT_NE(connection, nullptr);
    const auto rows = connection->query("SELECT 1", {}, "a test");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows.front().front(), "1");
  }
}

}  // namespace
}  // namespace forge::testing
