// What exactly-once needs from a PostgreSQL session: a tag that outlives it, whether it is
// still there, what the catalog says a statement left, who holds the lock, and a way to
// cancel its statement from another thread.

#include <pqxx/pqxx>

#include "core/errors.hpp"
#include "dialect/ddl_effect.hpp"
#include "dialect/postgres/postgres_connection.hpp"
#include "dialect/postgres/postgres_lock.hpp"
#include "dialect/postgres/postgres_sql.hpp"
#include "dialect/sql_writer.hpp"
#include "util/logging.hpp"

namespace forge::dialect::postgres {

namespace {

// "postgres:<backend pid>@<server start, epoch seconds>": a pid is only unique while the
// server runs, so the start time tells a reused one apart.
constexpr const char* k_session_sql =
    "SELECT 'postgres:' || pg_backend_pid() || '@' || "
    "floor(extract(epoch FROM pg_postmaster_start_time()))::bigint";

// `schema.name` quoted for to_regclass(): the names are as stored, so quote them exactly.
std::string regclass_text(const std::string& schema, const std::string& name) {
  const std::string quoted = quote_name(name, core::Dialect::postgres);
  return schema.empty() ? quoted : quote_name(schema, core::Dialect::postgres) + "." + quoted;
}

}  // namespace

// Asked once per session, not once per unit: the tag does not change while the session lasts.
std::string PostgresConnection::session_tag() {
  if (m_session_tag.empty()) m_session_tag = query_value(k_session_sql, "session tag");
  return m_session_tag;
}

bool PostgresConnection::session_alive(const std::string& tag) {
  const auto at = tag.find('@');
  const auto colon = tag.find(':');
  if (colon == std::string::npos || at == std::string::npos || at < colon) return false;
  const std::string pid = tag.substr(colon + 1, at - colon - 1);
  if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) return false;
  const std::string current = session_tag();
  if (current.substr(current.find('@')) != tag.substr(at)) return false;  // server restarted
  return query_value("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid, "session check") !=
         "0";
}

bool PostgresConnection::exists(const CatalogObject& object) {
  using Kind = CatalogObject::Kind;
  const std::string table = regclass_text(object.schema, object.table);
  try {
    pqxx::result result;
    if (object.kind == Kind::table) {
      result = m_session->exec_params("SELECT to_regclass($1) IS NOT NULL", table);
    } else if (object.kind == Kind::column) {
      result = m_session->exec_params(
          "SELECT count(*) > 0 FROM pg_attribute WHERE attrelid = to_regclass($1) "
          "AND attname = $2 AND attnum > 0 AND NOT attisdropped",
          table, object.name);
    } else if (object.kind == Kind::index) {  // an INVALID index is a leftover, not the effect
      result = m_session->exec_params(
          "SELECT count(*) > 0 FROM pg_index WHERE indexrelid = to_regclass($1) AND indisvalid",
          regclass_text(object.schema, object.name));
    } else {
      result = m_session->exec_params(
          "SELECT count(*) > 0 FROM pg_constraint WHERE conrelid = to_regclass($1) AND conname = "
          "$2",
          table, object.name);
    }
    return result[0][0].as<bool>();
  } catch (const pqxx::broken_connection&) {
    throw ConnectionError("lost the connection to PostgreSQL at " + m_target, {});
  }
}

core::Effect PostgresConnection::effect_of(const core::Statement& statement) {
  const ExpectedEffect expected = expected_effect(statement.text, core::Dialect::postgres);
  return decide_effect(expected, [this](const CatalogObject& object) { return exists(object); });
}

std::optional<std::string> PostgresConnection::lock_holder() {
  return advisory_lock_holder(*m_session, lock_key());
}

std::function<void()> PostgresConnection::canceller() {
  const int pid = m_connection->backendpid();
  return [conninfo = m_conninfo, pid] {
    try {
      pqxx::connection other(conninfo);
      pqxx::nontransaction session(other);
      session.exec("SELECT pg_cancel_backend(" + std::to_string(pid) + ")");
    } catch (const std::exception& e) {
      util::log_warn("could not cancel the running statement: {}", e.what());
    }
  };
}

}  // namespace forge::dialect::postgres
