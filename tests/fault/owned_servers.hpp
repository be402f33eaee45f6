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
  /// Starts both; throws std::runtime_error when either does not come up.
  OwnedServers();
  ~OwnedServers();
  OwnedServers(const OwnedServers&) = delete;
  OwnedServers& operator=(const OwnedServers&) = delete;

  /// The URL of the server's own database for `dialect` ("postgres" or "mysql").
  const std::string& admin_url(const std::string& dialect) const;
  /// SIGKILLs the server of `dialect` (all its processes), as a crash would; returns once gone.
  void kill(const std::string& dialect) const;
  /// Starts the killed server of `dialect` again (crash recovery) and waits until it answers.
  void restart(const std::string& dialect) const;

 private:
  std::string script(const std::vector<std::string>& args) const;  // its stdout; throws
  std::filesystem::path m_folder;
  std::string m_postgres_url, m_mysql_url;
};

}  // namespace forge::fault
