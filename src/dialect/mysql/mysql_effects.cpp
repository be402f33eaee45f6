// What exactly-once needs from a MySQL/MariaDB session: which statements can share a
// transaction with the history write (data statements: DDL commits on its own), a tag that
// outlives the session, whether it is still there, what the catalog says a statement left,
// who holds the lock, and a way to stop its statement from another thread.
#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <cstdlib>

#include "core/errors.hpp"
#include "dialect/ddl_effect.hpp"
#include "dialect/mysql/galera_lease_lock.hpp"
#include "dialect/mysql/mysql_connection.hpp"
#include "dialect/mysql/mysql_sql.hpp"
#include "util/logging.hpp"
#include "util/strings.hpp"

namespace forge::dialect::mysql {

namespace {

// Past blanks, parentheses and comments to the first word.
std::size_t first_word_at(const std::string& text) {
  std::size_t at = 0;
  while (at < text.size()) {
    const char c = text[at];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(') {
      ++at;
    } else if (text.compare(at, 2, "--") == 0 || c == '#') {
      at = text.find('\n', at);
    } else if (text.compare(at, 2, "/*") == 0) {
      at = text.find("*/", at);
      if (at != std::string::npos) at += 2;
    } else {
      break;
    }
    if (at == std::string::npos) return text.size();
  }
  return at;
}

// Statements InnoDB runs inside a transaction without committing it.
bool is_data_statement(const std::string& text) {
  const std::size_t at = first_word_at(text);
  std::size_t end = at;
  while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
  const std::string word = util::to_lower(text.substr(at, end - at));
  for (const char* data : {"insert", "update", "delete", "replace", "select", "with", "do"}) {
    if (word == data) return true;
  }
  return false;
}

// "mysql:<connection id>@<server start, epoch seconds>": ids restart with the server.
struct SessionTag {
  std::string id;
  long long started = 0;
};

std::optional<SessionTag> parse_tag(const std::string& tag) {
  const auto colon = tag.find(':'), at = tag.find('@');
  if (colon == std::string::npos || at == std::string::npos || at < colon) return std::nullopt;
  SessionTag parsed{tag.substr(colon + 1, at - colon - 1), 0};
  const std::string started = tag.substr(at + 1);
  if (!util::is_digits(parsed.id) || !util::is_digits(started)) return std::nullopt;
  parsed.started = std::atoll(started.c_str());
  return parsed;
}

constexpr const char* k_tag_sql =
    "SELECT CONCAT('mysql:', CONNECTION_ID(), '@', UNIX_TIMESTAMP() - "
    "(SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'UPTIME'))";

const char* exists_sql(CatalogObject::Kind kind) {
  switch (kind) {
    case CatalogObject::Kind::table:
      return "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
             "COALESCE(NULLIF(?, ''), DATABASE()) AND TABLE_NAME = ? AND ? = ''";
    case CatalogObject::Kind::column:
      return "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
             "COALESCE(NULLIF(?, ''), DATABASE()) AND TABLE_NAME = ? AND COLUMN_NAME = ?";
    case CatalogObject::Kind::index:
      return "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "
             "COALESCE(NULLIF(?, ''), DATABASE()) AND TABLE_NAME = ? AND INDEX_NAME = ?";
    case CatalogObject::Kind::constraint:
      break;
  }
  return "SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = "
         "COALESCE(NULLIF(?, ''), DATABASE()) AND TABLE_NAME = ? AND CONSTRAINT_NAME = ?";
}

}  // namespace

bool MysqlConnection::joins_transaction(const core::Statement& statement) const {
  return is_data_statement(statement.text);
}

// Asked once per session, not once per unit: the tag does not change while the session lasts.
std::string MysqlConnection::session_tag() {
  if (!m_session_tag.empty()) return m_session_tag;
  try {
    m_session_tag = query_value(k_tag_sql);
  } catch (const sql::SQLException&) {
    // no tag: a later run cannot wait for this session, only ask the catalog
  }
  return m_session_tag;
}

bool MysqlConnection::session_alive(const std::string& tag) {
  const auto old = parse_tag(tag);
  const auto now = parse_tag(session_tag());
  if (!old || !now) return false;
  // The start time is computed from whole seconds of uptime: allow for the rounding.
  if (std::llabs(old->started - now->started) > 2) return false;  // the server restarted
  try {
    return query_value("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " +
                       old->id) != "0";
  } catch (const sql::SQLException&) {
    return false;
  }
}

bool MysqlConnection::exists(const CatalogObject& object) {
  try {
    std::unique_ptr<sql::PreparedStatement> query(
        m_connection->prepareStatement(exists_sql(object.kind)));
    query->setString(1, object.schema);
    query->setString(2, object.table);
    query->setString(3, object.name);
    std::unique_ptr<sql::ResultSet> result(query->executeQuery());
    return result->next() && result->getInt(1) > 0;
  } catch (const sql::SQLException& e) {
    throw ConnectionError("cannot read the catalog of MySQL at " + m_target + ": " + e.what(), {});
  }
}

core::Effect MysqlConnection::effect_of(const core::Statement& statement) {
  const ExpectedEffect expected = expected_effect(statement.text, core::Dialect::mysql);
  return decide_effect(expected, [this](const CatalogObject& object) { return exists(object); });
}

std::optional<std::string> MysqlConnection::lock_holder() {
  if (m_galera) return lease_holder(*m_connection, lock_name(m_database));
  try {
    const std::string id = query_value("SELECT IS_USED_LOCK('" + lock_name(m_database) + "')");
    if (id.empty()) return std::nullopt;
    const std::string who = query_value(
        "SELECT CONCAT('user ', USER, ', from ', HOST, ', ', TIME, ' s in its current state') "
        "FROM information_schema.PROCESSLIST WHERE ID = " +
        id);
    return "connection " + id + (who.empty() ? "" : ", " + who);
  } catch (const sql::SQLException&) {
    return std::nullopt;
  }
}

std::function<void()> MysqlConnection::canceller() {
  std::string id;
  try {
    id = query_value("SELECT CONNECTION_ID()");
  } catch (const sql::SQLException&) {
    return {};
  }
  return [url = m_url, id] {
    try {
      auto other = connect_session(url);
      std::unique_ptr<sql::Statement> kill(other->createStatement());
      kill->execute("KILL QUERY " + id);
    } catch (const std::exception& e) {
      util::log_warn("could not stop the running statement: {}", e.what());
    }
  };
}

}  // namespace forge::dialect::mysql
