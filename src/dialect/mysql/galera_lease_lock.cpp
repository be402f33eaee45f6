#include "dialect/mysql/galera_lease_lock.hpp"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

#include "core/errors.hpp"
#include "core/lock_wait.hpp"
#include "dialect/mysql/galera.hpp"
#include "dialect/mysql/mysql_connection.hpp"
#include "util/logging.hpp"
#include "util/process_identity.hpp"
#include "util/utc_clock.hpp"

namespace forge::dialect::mysql {

namespace {

// A crashed holder blocks others for at most the lease; a live one renews well before it ends,
// so two renewals may fail in a row without losing it.
constexpr int k_lease_seconds = 30;
constexpr auto k_renew_every = std::chrono::seconds(5);

constexpr const char* k_create =
    "CREATE TABLE IF NOT EXISTS forge_lock (name VARCHAR(191) NOT NULL PRIMARY KEY, "
    "owner VARCHAR(64) NOT NULL, holder VARCHAR(255) NOT NULL, expires_at DATETIME(6) NOT NULL) "
    "ENGINE = InnoDB DEFAULT CHARSET = utf8mb4";

// Inserts the row, or takes it over only when it has expired. Assignments run left to right,
// so expires_at, which the conditions read, is set last.
const std::string k_take =
    "INSERT INTO forge_lock (name, owner, holder, expires_at) VALUES (?, ?, ?, "
    "UTC_TIMESTAMP(6) + INTERVAL " +
    std::to_string(k_lease_seconds) +
    " SECOND) ON DUPLICATE KEY UPDATE "
    "owner = IF(expires_at < UTC_TIMESTAMP(6), VALUES(owner), owner), "
    "holder = IF(expires_at < UTC_TIMESTAMP(6), VALUES(holder), holder), "
    "expires_at = IF(expires_at < UTC_TIMESTAMP(6), VALUES(expires_at), expires_at)";

const std::string k_renew = "UPDATE forge_lock SET expires_at = UTC_TIMESTAMP(6) + INTERVAL " +
                            std::to_string(k_lease_seconds) +
                            " SECOND WHERE name = ? AND owner = ?";

std::string random_token() {
  std::random_device device;
  std::string token;
  static const char* k_hex = "0123456789abcdef";
  for (int i = 0; i < 32; ++i) token += k_hex[device() % 16];
  return token;
}

std::unique_ptr<sql::PreparedStatement> prepare(sql::Connection& session, const std::string& sql,
                                                std::initializer_list<std::string> params) {
  std::unique_ptr<sql::PreparedStatement> statement(session.prepareStatement(sql));
  unsigned int i = 1;
  for (const auto& param : params) statement->setString(i++, param);
  return statement;
}

std::string first_value(sql::PreparedStatement& statement) {
  std::unique_ptr<sql::ResultSet> result(statement.executeQuery());
  return result->next() && !result->isNull(1) ? std::string(result->getString(1)) : "";
}

// A certification conflict, a lock wait or a duplicate key: another process got there first.
bool lost_the_race(int code) { return code == 1213 || code == 1205 || code == 1062; }

[[noreturn]] void fail(const sql::SQLException& e, const std::string& target) {
  if (auto trouble = cluster_trouble(e.getErrorCode(), true, target)) {
    throw ClusterUnavailableError(*trouble + ": " + e.what(), cluster_hint());
  }
  throw ConnectionError(
      "the migration lock on the Galera cluster at " + target + " failed: " + e.what(),
      "Check that forge's user may create and write the table forge_lock.");
}

}  // namespace

// Renews the lease on the lock's own session until stopped; marks it lost when the row is no
// longer ours or no renewal has succeeded for a whole lease.
struct GaleraLeaseLock::Renewal {
  std::mutex mutex;
  std::condition_variable wake;
  bool stop = false;
  std::thread thread;

  void run(GaleraLeaseLock& lock, const std::shared_ptr<std::atomic<bool>>& lost) {
    auto last_renewed = std::chrono::steady_clock::now();
    std::unique_lock<std::mutex> guard(mutex);
    while (!wake.wait_for(guard, k_renew_every, [this] { return stop; })) {
      try {
        if (prepare(*lock.m_session, k_renew, {lock.m_name, lock.m_owner})->executeUpdate() == 0) {
          util::log_error("the migration lock's lease on {} is no longer ours: stopping",
                          lock.m_target);
          lost->store(true);
          return;
        }
        last_renewed = std::chrono::steady_clock::now();
      } catch (const sql::SQLException& e) {
        util::log_warn("could not renew the migration lock's lease on {}: {}", lock.m_target,
                       e.what());
        if (std::chrono::steady_clock::now() - last_renewed >
            std::chrono::seconds(k_lease_seconds)) {
          lost->store(true);
          return;
        }
      }
    }
  }
};

GaleraLeaseLock::GaleraLeaseLock(const core::DatabaseUrl& url, const std::string& target,
                                 std::string name, std::chrono::milliseconds wait,
                                 std::shared_ptr<std::atomic<bool>> lost)
    : m_target(target), m_name(std::move(name)), m_owner(random_token()) {
  // A read timeout (a lease plus connect_session's grace) keeps a hung node from blocking the
  // renewal thread, and so the lock's release, for ever.
  m_session = connect_session(url, std::chrono::seconds(k_lease_seconds));
  prepare_galera_session(*m_session, target);
  try {
    std::unique_ptr<sql::Statement>(m_session->createStatement())->execute(k_create);
  } catch (const sql::SQLException& e) {
    if (!lost_the_race(e.getErrorCode())) fail(e, target);
  }
  core::wait_for_lock([this] { return try_acquire(); }, wait,
                      {target,
                       "Wait for that forge to finish, or end it (its lease ends "
                       "within " +
                           std::to_string(k_lease_seconds) +
                           " s of its end); raise --lock-timeout to wait longer."},
                      [this] { return lease_holder(*m_session, m_name); });
  m_renewal = std::make_unique<Renewal>();
  m_renewal->thread = std::thread([this, lost] { m_renewal->run(*this, lost); });
}

GaleraLeaseLock::~GaleraLeaseLock() {
  if (m_renewal) {
    {
      std::lock_guard<std::mutex> guard(m_renewal->mutex);
      m_renewal->stop = true;
    }
    m_renewal->wake.notify_all();
    m_renewal->thread.join();
  }
  release();
}

bool GaleraLeaseLock::try_acquire() {
  const std::string holder =
      util::this_process() + " since " + util::iso8601_utc(std::chrono::system_clock::now());
  try {
    prepare(*m_session, k_take, {m_name, m_owner, holder})->executeUpdate();
    // Causal read (wsrep_sync_wait): sees whichever takeover the cluster committed.
    auto owner = prepare(*m_session, "SELECT owner FROM forge_lock WHERE name = ?", {m_name});
    return first_value(*owner) == m_owner;
  } catch (const sql::SQLException& e) {
    if (lost_the_race(e.getErrorCode())) return false;
    fail(e, m_target);
  }
}

void GaleraLeaseLock::release() noexcept {
  try {
    prepare(*m_session, "DELETE FROM forge_lock WHERE name = ? AND owner = ?", {m_name, m_owner})
        ->executeUpdate();
  } catch (...) {
    // The lease expires by itself.
  }
}

std::optional<std::string> lease_holder(sql::Connection& connection, const std::string& name) {
  try {
    auto holder = prepare(connection,
                          "SELECT holder FROM forge_lock WHERE name = ? AND expires_at >= "
                          "UTC_TIMESTAMP(6)",
                          {name});
    const std::string text = first_value(*holder);
    if (text.empty()) return std::nullopt;
    return text;
  } catch (const sql::SQLException&) {
    return std::nullopt;
  }
}

}  // namespace forge::dialect::mysql
