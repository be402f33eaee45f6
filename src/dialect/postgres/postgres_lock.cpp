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

std::optional<std::string> advisory_lock_holder(pqxx::nontransaction& session, std::int64_t key) {
  try {
    const auto rows = session.exec_params(
        "SELECT a.pid, coalesce(a.application_name, ''), coalesce(host(a.client_addr), 'local'), "
        "coalesce(a.usename, ''), coalesce(to_char(a.backend_start AT TIME ZONE 'UTC', "
        "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), '') FROM pg_locks l "
        "JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
        "AND l.classid::bigint = (($1::bigint >> 32) & 4294967295) "
        "AND l.objid::bigint = ($1::bigint & 4294967295) AND l.pid <> pg_backend_pid()",
        key);
    if (rows.empty()) return std::nullopt;
    return "server process " + rows[0][0].as<std::string>() + ", application '" +
           rows[0][1].as<std::string>() + "', user " + rows[0][3].as<std::string>() + ", from " +
           rows[0][2].as<std::string>() + ", connected since " + rows[0][4].as<std::string>();
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
