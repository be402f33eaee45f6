#include "dialect/postgres/postgres_lock.hpp"

#include <pqxx/pqxx>

#include "core/errors.hpp"
#include "core/lock_wait.hpp"
#include "util/utc_clock.hpp"

namespace forge::dialect::postgres {

namespace {

class AdvisoryLock : public core::MigrationLock {
 public:
  AdvisoryLock(pqxx::nontransaction& session, std::int64_t key) : m_session(session), m_key(key) {}
  ~AdvisoryLock() override {
    try {
      m_session.exec_params("SELECT pg_advisory_unlock($1)", m_key);
    } catch (...) {
      // The server releases a session lock when the session ends anyway.
    }
  }

 private:
  pqxx::nontransaction& m_session;
  std::int64_t m_key;
};

}  // namespace

// pg_locks alone first, pg_stat_activity only when someone holds the lock: every status asks,
// and planning the join with pg_stat_activity's view costs a fresh session ~2 ms of the server's
// time, pg_locks alone ~0.5 ms.
std::optional<std::string> advisory_lock_holder(pqxx::nontransaction& session, std::int64_t key) {
  try {
    const auto holders = session.exec_params(
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 "
        "AND classid::bigint = (($1::bigint >> 32) & 4294967295) "
        "AND objid::bigint = ($1::bigint & 4294967295) AND pid <> pg_backend_pid()",
        key);
    if (holders.empty()) return std::nullopt;
    const auto pid = holders[0][0].as<std::string>();
    const auto rows = session.exec_params(
        "SELECT coalesce(application_name, ''), coalesce(host(client_addr), 'local'), "
        "coalesce(usename, ''), coalesce(to_char(backend_start AT TIME ZONE 'UTC', "
        "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), '') FROM pg_stat_activity WHERE pid = $1::int",
        pid);
    // Ended between the two questions: its session lock went with it.
    if (rows.empty()) return std::nullopt;
    return "server process " + pid + ", application '" + rows[0][0].as<std::string>() + "', user " +
           rows[0][2].as<std::string>() + ", from " + rows[0][1].as<std::string>() +
           ", connected since " + rows[0][3].as<std::string>();
  } catch (const pqxx::broken_connection&) {
    throw;
  } catch (...) {
    return std::nullopt;
  }
}

std::unique_ptr<core::MigrationLock> take_advisory_lock(pqxx::nontransaction& session,
                                                        std::int64_t key, const std::string& target,
                                                        std::chrono::milliseconds wait) {
  try {
    core::wait_for_lock(
        [&] {
          return session.exec_params("SELECT pg_try_advisory_lock($1)", key)[0][0].as<bool>();
        },
        wait,
        {target,
         "Wait for that forge to finish, or end it (SELECT pg_terminate_backend(pid)); "
         "raise --lock-timeout to wait longer."},
        [&] { return advisory_lock_holder(session, key); });
  } catch (const pqxx::broken_connection& e) {
    throw ConnectionError("lost the connection to PostgreSQL at " + target + ": " + e.what(), {});
  }
  return std::make_unique<AdvisoryLock>(session, key);
}

}  // namespace forge::dialect::postgres
