#pragma once
#include <optional>
#include <string>

namespace sql {
class Connection;
}

// MariaDB Galera (and Percona XtraDB) clusters: what forge must know about a node.
namespace forge::dialect::mysql {

/// Whether the session's server is a Galera node with replication on (@@wsrep_on = 1). Plain
/// MySQL has no such variable: any error means "not Galera".
bool is_galera(sql::Connection& connection);

/// Throws ClusterUnavailableError unless the node is ready and Synced with its cluster; then
/// makes the session's reads wait until the node has applied every write committed before them
/// (wsrep_sync_wait), so the history read after the lock sees other nodes' rows.
void prepare_galera_session(sql::Connection& connection, const std::string& target);

/// What a Galera server error says about the cluster, in words for the user ("node ... lost
/// quorum"), or nullopt when the error is about the statement. 1213 counts only on Galera,
/// where it is a certification conflict; plain InnoDB deadlocks stay statement errors.
std::optional<std::string> cluster_trouble(int code, bool galera, const std::string& target);

/// What to do about a cluster_trouble().
std::string cluster_hint();

}  // namespace forge::dialect::mysql
