#include "dialect/mysql/mysql_connection.hpp"

#include <cppconn/connection.h>
#include <cppconn/datatype.h>
#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>

#include <optional>

#include "core/errors.hpp"
#include "core/history_columns.hpp"
#include "core/lock_wait.hpp"
#include "dialect/history_sql.hpp"
#include "dialect/mysql/galera.hpp"
#include "dialect/mysql/galera_lease_lock.hpp"
#include "dialect/mysql/mysql_sql.hpp"
#include "dialect/mysql/mysql_tls.hpp"
#include "dialect/sql_transaction.hpp"
#include "dialect/url_params.hpp"
#include "util/logging.hpp"
#include "util/strings.hpp"
#include "util/utc_clock.hpp"

namespace forge::dialect::mysql {

namespace {

// How a column's values read back in JavaScript, as mysql2 types them: integers and floats
// as numbers; DECIMAL, dates and text as text.
char value_kind(int type) {
  switch (type) {
    case sql::DataType::BIT:
    case sql::DataType::TINYINT:
    case sql::DataType::SMALLINT:
    case sql::DataType::MEDIUMINT:
    case sql::DataType::INTEGER:
    case sql::DataType::BIGINT:
    case sql::DataType::REAL:
    case sql::DataType::DOUBLE:
      return 'n';
    default:
      return 's';
  }
}

core::ResultRows rows_of(sql::ResultSet& result) {
  core::ResultRows rows;
  sql::ResultSetMetaData* meta = result.getMetaData();
  const unsigned int count = meta->getColumnCount();
  for (unsigned int column = 1; column <= count; ++column) {
    rows.columns.emplace_back(meta->getColumnLabel(column));
    rows.kinds += value_kind(meta->getColumnType(column));
  }
  while (result.next()) {
    auto& row = rows.rows.emplace_back();
    for (unsigned int column = 1; column <= count; ++column) {
      if (result.isNull(column)) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(std::string(result.getString(column)));
      }
    }
  }
  return rows;
}

// Client-side error codes that mean the session is gone, not that the SQL was wrong.
bool is_connection_lost(int code) { return code == 2006 || code == 2013 || code == 2055; }

// MariaDB's ER_STATEMENT_TIMEOUT (max_statement_time), MySQL's ER_QUERY_TIMEOUT
// (max_execution_time).
bool is_statement_timeout(int code) { return code == 1969 || code == 3024; }

// How long the client waits on a silent server beyond the statement timeout before it gives the
// connection up: the server should have stopped the statement by then.
constexpr int k_read_grace_seconds = 60;
// A write the server does not take within this long means it is gone or hung.
constexpr int k_write_timeout_seconds = 60;

// MySQL ends a syntax error with "at line n" within the statement; turn it into the file's line.
int line_in_file(const std::string& message, int statement_line) {
  const auto offset = util::number_after_last(message, "at line ");
  if (!offset || *offset < 1 || statement_line <= 0) return statement_line;
  return statement_line + *offset - 1;
}

constexpr const char* k_free_space =
    "Free space on the server's data disk (or raise the table's size limit), then run the "
    "command again; units completed before stay done.";

// Why a server error means the server cannot take writes; nullopt for other failures. 1290
// also reports other options (--secure-file-priv), so only its read-only form counts.
std::optional<WriteRefusal> write_refusal(int code, const std::string& message) {
  switch (code) {
    case 1290:
      if (message.find("read-only") == std::string::npos &&
          message.find("read_only") == std::string::npos) {
        return std::nullopt;
      }
      return WriteRefusal{"the server runs with read_only or super_read_only (a replica?)",
                          "Point forge at the primary, or SET GLOBAL read_only = OFF there (it "
                          "stops every user without SUPER or READ ONLY ADMIN); then run the "
                          "command again."};
    case 1792:
      return WriteRefusal{"read-only transaction",
                          "Check transaction_read_only (tx_read_only) for forge's user and "
                          "session; then run the command again."};
    case 1036:
    case 1836:
    case 1874:
      return WriteRefusal{"read-only storage (innodb_read_only or a read-only table)",
                          "Check innodb_read_only and the server's data folder; then run the "
                          "command again."};
    case 1021:
      return WriteRefusal{"disk full", k_free_space};
    case 1114:
      return WriteRefusal{"table full", k_free_space};
    case 3:
    case 1026:
      return WriteRefusal{"error writing a file", k_free_space};
    default:
      return std::nullopt;
  }
}

// `limit`: the session's statement timeout, so that a statement it stopped is reported as such.
// `galera`: the server is a Galera node, where a deadlock is a certification conflict.
[[noreturn]] void rethrow_as_forge_error(const sql::SQLException& e, const std::string& target,
                                         bool galera, const std::string& file, int line,
                                         std::chrono::milliseconds limit = {}) {
  if (is_connection_lost(e.getErrorCode())) {
    throw ConnectionError("lost the connection to MySQL at " + target + ": " + e.what(),
                          "Check that the server is up, then run the command again.");
  }
  if (auto trouble = cluster_trouble(e.getErrorCode(), galera, target)) {
    throw ClusterUnavailableError(
        *trouble + " (" + std::string(util::trim(e.what())) + ", in " + file + ")", cluster_hint());
  }
  const std::string message(util::trim(e.what()));
  const std::string code =
      "MySQL error " + std::to_string(e.getErrorCode()) + ", SQLSTATE " + e.getSQLState();
  if (limit.count() > 0 && is_statement_timeout(e.getErrorCode())) {
    throw statement_timed_out(limit, message, code, file, line);
  }
  if (auto why = write_refusal(e.getErrorCode(), message)) {
    throw NotWritableError(std::move(*why), message, code, file, line_in_file(message, line));
  }
  throw StatementError(message, code, file, line_in_file(message, line));
}

// The seconds of `span`, rounded up.
int whole_seconds(std::chrono::milliseconds span) {
  return static_cast<int>((span.count() + 999) / 1000);
}

// `span` as a decimal number of seconds: "1.500".
std::string decimal_seconds(std::chrono::milliseconds span) {
  const std::string millis = std::to_string(1000 + span.count() % 1000);  // "1500"
  return std::to_string(span.count() / 1000) + "." + millis.substr(1);
}

std::string describe_target(const core::DatabaseUrl& url) {
  return (url.host.empty() ? std::string("localhost") : url.host) + ":" +
         std::to_string(url.port.value_or(3306)) + "/" + url.database;
}

class NamedLock : public core::MigrationLock {
 public:
  NamedLock(MysqlConnection& connection, std::string name)
      : m_connection(connection), m_name(std::move(name)) {}
  ~NamedLock() override {
    try {
      m_connection.query_value("SELECT RELEASE_LOCK('" + m_name + "')");
    } catch (...) {
      // The server releases it when the session ends anyway.
    }
  }

 private:
  MysqlConnection& m_connection;
  std::string m_name;
};

}  // namespace

std::unique_ptr<sql::Connection> connect_session(const core::DatabaseUrl& url,
                                                 std::chrono::milliseconds statement_timeout) {
  sql::ConnectOptionsMap options;
  options["hostName"] = sql::SQLString(url.host.empty() ? "127.0.0.1" : url.host);
  options["port"] = url.port.value_or(3306);
  options["userName"] = sql::SQLString(url.user);
  // A password may come as a ?password= parameter; ?socket= names a unix socket to use.
  const std::string password = url.password.empty() ? url_param(url, "password") : url.password;
  options["password"] = sql::SQLString(password);
  if (const std::string socket = url_param(url, "socket"); !socket.empty()) {
    options["socket"] = sql::SQLString(socket);
  }
  if (!url.database.empty()) options["schema"] = sql::SQLString(url.database);
  options["OPT_CONNECT_TIMEOUT"] = 10;
  options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
  options["OPT_RECONNECT"] = false;
  // The client library turns SO_KEEPALIVE on with the kernel's timing and offers no way to tune
  // it; read and write timeouts bound the wait on a server that went silent.
  options["OPT_WRITE_TIMEOUT"] = k_write_timeout_seconds;
  if (statement_timeout.count() > 0) {
    options["OPT_READ_TIMEOUT"] = whole_seconds(statement_timeout) + k_read_grace_seconds;
  }
  add_tls_options(url, options);
  try {
    std::unique_ptr<sql::Connection> session(get_driver_instance()->connect(options));
    require_encryption(url, *session, describe_target(url));
    return session;
  } catch (const sql::SQLException& e) {
    throw ConnectionError(
        "cannot connect to MySQL at " + describe_target(url) + ": " + e.what(),
        "Check the host, port, database, user and password; with --wait <seconds> "
        "forge retries while the server starts.");
  }
}

MysqlConnection::MysqlConnection(const core::DatabaseUrl& url, const SessionOptions& session)
    : m_url(url),
      m_target(describe_target(url)),
      m_database(url.database),
      m_statement_timeout(session.statement_timeout) {
  m_connection = connect_session(url, m_statement_timeout);
  try {
    run_internal("SET time_zone = '+00:00'", "session setup");
    // The collation Node's mysql2 (sequelize's driver) asks for: a view records the session's,
    // so views forge creates match those sequelize-cli creates.
    run_internal("SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci", "session setup");
    limit_statement_time();
  } catch (const Error&) {
    throw ConnectionError("cannot set up the session with MySQL at " + m_target, {});
  }
  m_galera = is_galera(*m_connection);
  if (m_galera) prepare_galera_session(*m_connection, m_target);
  if (session.writes) refuse_read_only();
}

void MysqlConnection::require_lease() const {
  if (!m_lease_lost->load()) return;
  throw ConnectionError("the migration lock's lease on the Galera cluster at " + m_target +
                            " was lost (another forge may have taken it over): stopped before "
                            "writing more",
                        "Run the command again; units completed before stay done.");
}

MysqlConnection::~MysqlConnection() = default;

void MysqlConnection::refuse_read_only() {
  const std::string where = m_target.substr(0, m_target.find('/'));
  if (variable("@@GLOBAL.read_only") == "1") {
    throw read_only_server(where, "read-only (read_only is ON: a replica?)");
  }
  // MySQL only; MariaDB's read_only already covers every user.
  if (variable("@@GLOBAL.super_read_only") == "1") {
    throw read_only_server(where, "read-only (super_read_only is ON: a replica?)");
  }
  // MySQL and MariaDB 11.1+ call it transaction_read_only, older MariaDB tx_read_only.
  if (variable("@@SESSION.transaction_read_only") == "1" ||
      variable("@@SESSION.tx_read_only") == "1") {
    throw read_only_server(where, "read-only for forge's session (transaction_read_only is ON)");
  }
}

std::string MysqlConnection::variable(const std::string& name) {
  try {
    return query_value("SELECT " + name);
  } catch (const sql::SQLException& e) {
    if (e.getErrorCode() == 1193) return "";  // ER_UNKNOWN_SYSTEM_VARIABLE
    rethrow_as_forge_error(e, m_target, m_galera, "reading " + name, 0);
  }
}

void MysqlConnection::limit_statement_time() {
  if (m_statement_timeout.count() == 0) return;
  try {
    run_internal("SET SESSION max_statement_time = " + decimal_seconds(m_statement_timeout),
                 "the statement timeout");
  } catch (const StatementError&) {
    // MySQL has no max_statement_time; its max_execution_time stops SELECT statements only.
    run_internal("SET SESSION max_execution_time = " + std::to_string(m_statement_timeout.count()),
                 "the statement timeout");
    util::log_warn(
        "MySQL stops only SELECT statements at --statement-timeout; other statements "
        "run to the end (MariaDB stops every statement)");
  }
}

void MysqlConnection::run_internal(const std::string& sql, const std::string& what) {
  require_lease();
  try {
    std::unique_ptr<sql::Statement> statement(m_connection->createStatement());
    statement->execute(sql);
    std::unique_ptr<sql::ResultSet> drained(statement->getResultSet());
  } catch (const sql::SQLException& e) {
    rethrow_as_forge_error(e, m_target, m_galera, what, 0);
  }
}

std::string MysqlConnection::query_value(const std::string& sql) {
  std::unique_ptr<sql::Statement> statement(m_connection->createStatement());
  std::unique_ptr<sql::ResultSet> result(statement->executeQuery(sql));
  if (!result->next() || result->isNull(1)) return "";
  return result->getString(1);
}

void MysqlConnection::execute(const core::Statement& statement) { run(statement, nullptr); }

core::ResultRows MysqlConnection::fetch(const core::Statement& statement) {
  core::ResultRows rows;
  run(statement, &rows);
  return rows;
}

void MysqlConnection::run(const core::Statement& statement, core::ResultRows* rows) {
  require_lease();
  try {
    std::unique_ptr<sql::Statement> sql_statement(m_connection->createStatement());
    sql_statement->execute(statement.text);
    // Drain every result, or the next statement fails with "Commands out of sync".
    do {
      std::unique_ptr<sql::ResultSet> result(sql_statement->getResultSet());
      if (rows != nullptr && result) *rows = rows_of(*result);
    } while (sql_statement->getMoreResults());
  } catch (const sql::SQLException& e) {
    rethrow_as_forge_error(e, m_target, m_galera, statement.file, statement.line,
                           m_statement_timeout);
  }
}

// MySQL cannot roll DDL back, so the runner never asks for one; it serves data-only work.
std::unique_ptr<core::Transaction> MysqlConnection::begin() {
  return std::make_unique<SqlTransaction>(
      [this](const std::string& sql) { run_internal(sql, sql); }, "START TRANSACTION");
}

std::unique_ptr<core::MigrationLock> MysqlConnection::lock(std::chrono::milliseconds wait) {
  const std::string name = lock_name(m_database);
  // GET_LOCK locks one Galera node only.
  if (m_galera) return std::make_unique<GaleraLeaseLock>(m_url, m_target, name, wait, m_lease_lost);
  try {
    core::wait_for_lock([&] { return query_value("SELECT GET_LOCK('" + name + "', 0)") == "1"; },
                        wait,
                        {m_target,
                         "Wait for that forge to finish, or end it (SHOW PROCESSLIST; "
                         "KILL <id>); raise --lock-timeout to wait longer."},
                        [this] { return lock_holder(); });
  } catch (const sql::SQLException& e) {
    rethrow_as_forge_error(e, m_target, m_galera, "migration lock", 0);
  }
  return std::make_unique<NamedLock>(*this, name);
}

const core::HistorySql& MysqlConnection::history_sql() const {
  static const FunctionHistorySql sql({create_history_sql, history_columns_sql,
                                       add_history_column_sql, select_history_sql,
                                       upsert_history_sql, delete_history_sql, to_datetime,
                                       history_schema_sql, describe_history_sql});
  return sql;
}

std::vector<std::vector<std::string>> MysqlConnection::query(const std::string& sql,
                                                             const std::vector<std::string>& params,
                                                             const std::string& what) {
  require_lease();
  try {
    std::unique_ptr<sql::PreparedStatement> once;
    if (params.empty()) once.reset(m_connection->prepareStatement(sql));
    sql::PreparedStatement* statement = params.empty() ? once.get() : &prepared(sql);
    for (std::size_t i = 0; i < params.size(); ++i) {
      statement->setString(static_cast<unsigned int>(i) + 1, params[i]);
    }
    std::vector<std::vector<std::string>> rows;
    if (!statement->execute()) return rows;
    std::unique_ptr<sql::ResultSet> result(statement->getResultSet());
    const unsigned int columns = result->getMetaData()->getColumnCount();
    while (result->next()) {
      std::vector<std::string>& row = rows.emplace_back();
      for (unsigned int column = 1; column <= columns; ++column) {
        row.push_back(result->isNull(column) ? "" : std::string(result->getString(column)));
      }
    }
    return rows;
  } catch (const sql::SQLException& e) {
    rethrow_as_forge_error(e, m_target, m_galera, what, 0);
  }
}

sql::PreparedStatement& MysqlConnection::prepared(const std::string& sql) {
  auto& statement = m_prepared[sql];
  if (!statement) statement.reset(m_connection->prepareStatement(sql));
  return *statement;
}

}  // namespace forge::dialect::mysql
