#include "dialect/mysql/galera.hpp"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <memory>

#include "core/errors.hpp"

namespace forge::dialect::mysql {

namespace {

std::string value_of(sql::Connection& connection, const std::string& query) {
  std::unique_ptr<sql::Statement> statement(connection.createStatement());
  std::unique_ptr<sql::ResultSet> result(statement->executeQuery(query));
  if (!result->next() || result->isNull(1)) return "";
  return result->getString(1);
}

std::string status_of(sql::Connection& connection, const std::string& name) {
  return value_of(connection,
                  "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE "
                  "VARIABLE_NAME = '" +
                      name + "'");
}

constexpr const char* k_wait_hint =
    "Wait until the cluster has its quorum back (or point forge at a synced node); with --wait "
    "<seconds> forge retries meanwhile.";

}  // namespace

bool is_galera(sql::Connection& connection) {
  try {
    return value_of(connection, "SELECT @@wsrep_on") == "1";
  } catch (const sql::SQLException&) {
    return false;
  }
}

void prepare_galera_session(sql::Connection& connection, const std::string& target) {
  std::string ready, state;
  try {
    ready = status_of(connection, "WSREP_READY");
    state = status_of(connection, "WSREP_LOCAL_STATE_COMMENT");
  } catch (const sql::SQLException& e) {
    throw ClusterUnavailableError("cannot read the Galera state of " + target + ": " + e.what(),
                                  k_wait_hint);
  }
  if (ready != "ON" || state != "Synced") {
    throw ClusterUnavailableError("Galera node " + target + " is not ready (wsrep_ready " + ready +
                                      ", state " + state +
                                      "): it is joining, donating or not part of the cluster's "
                                      "Primary Component (lost quorum?)",
                                  k_wait_hint);
  }
  try {
    std::unique_ptr<sql::Statement> statement(connection.createStatement());
    // 1: reads (and so the history read) wait until every earlier cluster write is applied here.
    statement->execute("SET SESSION wsrep_sync_wait = 1");
  } catch (const sql::SQLException& e) {
    throw ClusterUnavailableError(
        "cannot set causal reads on Galera node " + target + ": " + e.what(), k_wait_hint);
  }
}

std::optional<std::string> cluster_trouble(int code, bool galera, const std::string& target) {
  switch (code) {
    case 1047:  // WSREP has not yet prepared node for application use
      return "Galera node " + target +
             " is not part of the cluster's Primary Component (lost quorum?) or not synced yet";
    case 1180:  // Got error during COMMIT: the commit could not be replicated
      return "Galera node " + target +
             " could not replicate a commit (lost quorum? the cluster may be splitting)";
    case 1213:
      if (!galera) return std::nullopt;
      return "certification conflict with another node's write on the Galera cluster at " + target +
             " (another process wrote the same rows at the same time)";
    default:
      return std::nullopt;
  }
}

std::string cluster_hint() { return k_wait_hint; }

}  // namespace forge::dialect::mysql
