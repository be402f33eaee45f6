#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace forge::fault {

/// A PostgreSQL and a MariaDB server of this process's own (tests/servers/throwaway-servers on
/// free private ports, in a fresh folder), so they can be killed and restarted without touching
/// anyone else's servers. Stopped, and their folder removed, when the object goes away.
class OwnedServers {
 public:
  /// Which servers to start.
  enum class Which { both, postgres_only, both_with_tls };
  /// Starts them; throws std::runtime_error when one does not come up.
  explicit OwnedServers(Which which = Which::both);
  ~OwnedServers();
  OwnedServers(const OwnedServers&) = delete;
  OwnedServers& operator=(const OwnedServers&) = delete;

  /// The URL of the server's own database for `dialect` ("postgres" or "mysql").
  const std::string& admin_url(const std::string& dialect) const;
  /// SIGKILLs the server of `dialect` (all its processes), as a crash would; returns once gone.
  void kill(const std::string& dialect) const;
  /// Starts the killed server of `dialect` again (crash recovery) and waits until it answers.
  void restart(const std::string& dialect) const;
  /// The servers' folder: PostgreSQL's unix socket is in pg/, MariaDB's is my/mysqld.sock.
  const std::filesystem::path& folder() const { return m_folder; }
  /// The folder of the throwaway CA (ca.pem, other-ca.pem) when started with TLS.
  std::string tls_folder() const { return (m_folder / "tls").string(); }
  /// Starts a streaming hot standby of the PostgreSQL server; returns its URL.
  std::string start_standby() const;
  /// Promotes that standby to a primary; returns once it takes writes.
  void promote_standby() const;

 private:
  // The script's stdout; throws. For a start, `only` is FORGE_TEST_SERVERS and `tls` sets
  // FORGE_TEST_TLS.
  std::string script(const std::vector<std::string>& args, const std::string& only = "",
                     bool tls = false) const;
  std::filesystem::path m_folder;
  std::string m_postgres_url, m_mysql_url;
};

}  // namespace forge::fault
