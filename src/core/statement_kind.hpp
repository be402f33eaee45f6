#pragma once
#include <vector>

#include "core/dialect_kind.hpp"
#include "core/statement.hpp"

namespace forge::core {

/// True for BEGIN / START TRANSACTION / COMMIT / END / ROLLBACK: statements with which a file
/// manages its own transaction (common in sets written for golang-migrate).
bool is_transaction_control(const Statement& statement);
/// True for a statement that only changes the session (`SET search_path ...`, `SET NAMES`,
/// `SET FOREIGN_KEY_CHECKS = 0`, MySQL's `USE db`), not the database: a run that resumes a
/// unit in a new session repeats them first. SET GLOBAL/PERSIST, SET LOCAL, SET TRANSACTION,
/// SET CONSTRAINTS and SET PASSWORD are not.
bool is_session_setting(const Statement& statement);
/// True when any of `statements` is transaction control.
bool manages_own_transaction(const std::vector<Statement>& statements);
/// True for statements `dialect` refuses inside a transaction block: PostgreSQL's
/// CREATE/DROP INDEX CONCURRENTLY, REINDEX ... CONCURRENTLY, VACUUM, CREATE/DROP DATABASE,
/// CREATE/DROP TABLESPACE, ALTER SYSTEM; SQLite's VACUUM.
bool refuses_transaction(const Statement& statement, Dialect dialect);
/// The first of `statements` that refuses a transaction, or nullptr.
const Statement* first_refusing_transaction(const std::vector<Statement>& statements,
                                            Dialect dialect);

/// True for an INSERT or REPLACE of rows written out (`VALUES (...)`, MySQL's `SET a = 1`), no
/// query in it: a statement quick whatever the table holds (unless a trigger says otherwise).
/// A word `select` anywhere in it, even in a string, makes it no such statement.
bool is_literal_insert(const Statement& statement);

/// True for a statement that only reads (SELECT, VALUES, SHOW, DESCRIBE, a PRAGMA without `=`):
/// a --dry-run may run it to give a JavaScript migration the rows it asks for.
bool only_reads(const Statement& statement);

}  // namespace forge::core
