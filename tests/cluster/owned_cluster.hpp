#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace forge::cluster {

/// A 3-node MariaDB Galera cluster of this process's own (tests/servers/throwaway-galera on free
/// ports, in a fresh folder), so its nodes can be killed and isolated without touching anyone
/// else's servers. Stopped, and its folder removed, when the object goes away.
class OwnedCluster {
 public:
  /// Starts the cluster; throws std::runtime_error when a node does not reach Synced.
  OwnedCluster();
  ~OwnedCluster();
  OwnedCluster(const OwnedCluster&) = delete;
  OwnedCluster& operator=(const OwnedCluster&) = delete;

  /// forge's URL of `database` on node `n` (1..3).
  std::string url(int n, const std::string& database) const;
  /// Runs `sql` as root on node `n` and returns its tab-separated output; throws on failure.
  std::string sql(int n, const std::string& sql) const;
  /// The script's kill, restart, isolate (lose quorum) and rejoin verbs for node `n`.
  void node(const std::string& verb, int n) const;

 private:
  std::string script(const std::vector<std::string>& args) const;  // its stdout; throws
  std::filesystem::path m_folder;
  std::vector<std::string> m_urls;
};

}  // namespace forge::cluster
