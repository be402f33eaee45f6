#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/adapter.hpp"

namespace pqxx {
class nontransaction;
}

namespace forge::dialect::postgres {

/// Takes the session-level advisory lock `key` with pg_try_advisory_lock, retried until `wait`
/// is over (no transaction stays open while it waits, so CREATE INDEX CONCURRENTLY elsewhere
/// is not blocked). Throws LockTimeout naming the holder's pid, application and address.
std::unique_ptr<core::MigrationLock> take_advisory_lock(pqxx::nontransaction& session,
                                                        std::int64_t key, const std::string& target,
                                                        std::chrono::milliseconds wait);

/// Who holds the advisory lock `key` in another session ("server process 12, application
/// 'forge', user u, from 127.0.0.1, connected since <UTC>"); nullopt when nobody does.
std::optional<std::string> advisory_lock_holder(pqxx::nontransaction& session, std::int64_t key);

}  // namespace forge::dialect::postgres
