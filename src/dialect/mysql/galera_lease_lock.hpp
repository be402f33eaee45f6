#pragma once
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/adapter.hpp"
#include "core/url.hpp"

namespace sql {
class Connection;
}

namespace forge::dialect::mysql {

/// The migration lock on a Galera cluster, where GET_LOCK locks one node only: a committed lease
/// row in the InnoDB table `forge_lock` (one row per lock name: owner token, holder text,
/// expires_at on the server's clock). Certification makes a committed row cluster-wide, so of
/// two nodes' takeovers one commits and the other gets a conflict ("not acquired, retry"). A
/// thread on its own session renews the lease; a crashed holder's lease expires, a live one is
/// never taken over. Destruction stops the renewal and deletes the row if it is still ours.
class GaleraLeaseLock : public core::MigrationLock {
 public:
  /// Takes the lease `name` through core::wait_for_lock (LockTimeout after `wait`, naming
  /// `holder`); `lost` is set when a renewal finds the row no longer ours, and the caller must
  /// then stop writing. Throws ConnectionError / ClusterUnavailableError.
  GaleraLeaseLock(const core::DatabaseUrl& url, const std::string& target, std::string name,
                  std::chrono::milliseconds wait, std::shared_ptr<std::atomic<bool>> lost);
  ~GaleraLeaseLock() override;

 private:
  struct Renewal;
  bool try_acquire();
  void release() noexcept;

  std::string m_target;
  std::string m_name;
  std::string m_owner;  // random, unique to this lock object
  std::unique_ptr<sql::Connection> m_session;
  std::unique_ptr<Renewal> m_renewal;
};

/// "pid N on HOST since T" of the unexpired lease `name`, or nullopt when none (or no table).
std::optional<std::string> lease_holder(sql::Connection& connection, const std::string& name);

}  // namespace forge::dialect::mysql
