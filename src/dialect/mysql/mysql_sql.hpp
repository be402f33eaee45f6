#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace forge::dialect::mysql {

/// `name` as a backtick-quoted MySQL identifier; a dotted `schema.table` quotes each part.
std::string quote_identifier(std::string_view name);
/// Creates the history table when missing. The key is VARCHAR(191): a utf8mb4 index on it fits
/// the 767-byte limit of older InnoDB row formats (sequelize's VARCHAR(255) fails there).
std::string create_history_sql(const std::string& table);
/// Lists the history table's columns, in its schema (`schema.table`) or the current database.
std::string history_columns_sql(const std::string& table);
/// Adds `column` (one of core::k_added_history_columns) to a history table forge did not create,
/// with a default (applied_at and statement_hashes: NULL).
std::string add_history_column_sql(const std::string& table, const std::string& column);
/// Selects name, checksum, applied_at (ISO-8601 UTC text, milliseconds), execution_ms, state,
/// statements_done, statement_hashes; `missing` added columns (a table forge did not create)
/// are read as their defaults.
std::string select_history_sql(const std::string& table, const std::vector<std::string>& missing);
/// Writes one history row, replacing one of the same name; binds the eight columns in select
/// order, applied_at as `YYYY-MM-DD HH:MM:SS.mmm` ('' for unknown, stored as NULL).
std::string upsert_history_sql(const std::string& table);
/// Deletes one history row; binds name.
std::string delete_history_sql(const std::string& table);
/// The database an unqualified history table is in: the session's current one.
std::string history_schema_sql(const std::string& table);
/// The unqualified `tables` described at once (core::HistorySql::describe).
std::string describe_history_sql(const std::vector<std::string>& tables);
/// The GET_LOCK name for a database (at most 64 characters).
std::string lock_name(std::string_view database);
/// `2024-03-15T10:23:44.012Z` as MySQL DATETIME text `2024-03-15 10:23:44.012`.
std::string to_datetime(std::string_view iso8601);

}  // namespace forge::dialect::mysql
