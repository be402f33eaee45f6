#pragma once
#include <cstddef>

namespace forge::dialect::postgres {

/// How many HMAC_Init_ex calls (libpq's SCRAM, one per PBKDF2 round) were handed a digest
/// fetched once instead of a legacy one OpenSSL would look up again (libpq_openssl.cpp).
std::size_t hmac_digests_substituted();

/// Starts OpenSSL as libpq's SCRAM will need it once the server answers (its configuration read,
/// its random generator seeded), for a thread that would otherwise wait on the session thread.
/// Thread-safe; what it does is done once a process. The driver's ServerDriver::warm_up.
void warm_up_openssl();

}  // namespace forge::dialect::postgres
