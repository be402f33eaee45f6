// What exactly-once needs from SQLite: every statement but VACUUM shares a transaction with the
// history write, and a statement dies with the process that sent it, so only VACUUM (harmless
// to repeat) is ever left in flight; the catalog answers for the DDL kinds anyway.
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include "dialect/ddl_effect.hpp"
#include "dialect/sqlite/sqlite_connection.hpp"
#include "dialect/sqlite/sqlite_file_lock.hpp"

namespace forge::dialect::sqlite {

namespace {

bool object_exists(SQLite::Database& db, const CatalogObject& object) {
  using Kind = CatalogObject::Kind;
  if (object.kind == Kind::constraint) return false;  // SQLite names no constraints it keeps
  if (object.kind == Kind::column) {
    SQLite::Statement query(
        db, "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2 COLLATE NOCASE");
    query.bind(1, object.table);
    query.bind(2, object.name);
    return query.executeStep() && query.getColumn(0).getInt() > 0;
  }
  SQLite::Statement query(db,
                          "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view', "
                          "'index') AND name = ?1 COLLATE NOCASE");
  query.bind(1, object.kind == Kind::table ? object.table : object.name);
  return query.executeStep() && query.getColumn(0).getInt() > 0;
}

}  // namespace

core::Effect SqliteConnection::effect_of(const core::Statement& statement) {
  const ExpectedEffect expected = expected_effect(statement.text, core::Dialect::sqlite);
  try {
    return decide_effect(
        expected, [this](const CatalogObject& object) { return object_exists(*m_db, object); });
  } catch (const SQLite::Exception&) {
    return core::Effect::unknown;
  }
}

std::optional<std::string> SqliteConnection::lock_holder() {
  return sqlite_lock_holder(m_path);  // the file's, also from a read-only or rehearsal session
}

std::function<void()> SqliteConnection::canceller() {
  sqlite3* handle = m_db->getHandle();
  return [handle] { sqlite3_interrupt(handle); };  // safe from another thread
}

}  // namespace forge::dialect::sqlite
