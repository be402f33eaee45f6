#pragma once
#include <cstddef>

namespace forge::dialect::postgres {

/// How many HMAC_Init_ex calls (libpq's SCRAM, one per PBKDF2 round) were handed a digest
/// fetched once instead of a legacy one OpenSSL would look up again (hmac_fetched_digest.cpp).
std::size_t hmac_digests_substituted();

}  // namespace forge::dialect::postgres
