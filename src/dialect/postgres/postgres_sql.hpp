#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace forge::dialect::postgres {

/// `name` as a quoted PostgreSQL identifier; a dotted `schema.table` quotes each part.
std::string quote_identifier(std::string_view name);
/// `value` as a standard-conforming string literal.
std::string quote_literal(std::string_view value);
/// Creates the history table when missing.
std::string create_history_sql(const std::string& table);
/// Selects name, checksum, applied_at (ISO-8601 UTC text), execution_ms.
std::string select_history_sql(const std::string& table);
/// Tells whether the history table exists: one row, one boolean.
std::string history_exists_sql(const std::string& table);
/// Inserts one history row; binds $1 name, $2 checksum, $3 applied_at, $4 execution_ms.
std::string insert_history_sql(const std::string& table);
/// Deletes one history row; binds $1 name.
std::string delete_history_sql(const std::string& table);
/// The advisory-lock key for a database: stable across forge versions and processes.
std::int64_t advisory_lock_key(std::string_view database);

}  // namespace forge::dialect::postgres
