#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace forge::dialect::postgres {

/// `name` as a quoted PostgreSQL identifier; a dotted `schema.table` quotes each part.
std::string quote_identifier(std::string_view name);
/// `value` as a standard-conforming string literal.
std::string quote_literal(std::string_view value);
/// Creates the history table when missing.
std::string create_history_sql(const std::string& table);
/// Lists the history table's columns; no rows when it does not exist.
std::string history_columns_sql(const std::string& table);
/// Adds `column` (one of core::k_added_history_columns) to a history table forge did not create,
/// with a default (applied_at: NULL).
std::string add_history_column_sql(const std::string& table, const std::string& column);
/// Selects name, checksum, applied_at (ISO-8601 UTC text), execution_ms, state, statements_done,
/// statement_hashes; `missing` added columns (a table forge did not create) are read as their
/// defaults.
std::string select_history_sql(const std::string& table, const std::vector<std::string>& missing);
/// Writes one history row, replacing one of the same name; binds $1..$7 in select order
/// (an empty applied_at is written as NULL: unknown).
std::string upsert_history_sql(const std::string& table);
/// Deletes one history row; binds $1 name.
std::string delete_history_sql(const std::string& table);
/// The schema the unqualified `table` resolves to: where it exists on the search_path, else
/// current_schema() (where CREATE TABLE would put it); '' when the search_path is empty.
std::string history_schema_sql(const std::string& table);
/// The unqualified `tables` described at once (core::HistorySql::describe).
std::string describe_history_sql(const std::vector<std::string>& tables);
/// The advisory-lock key for a database: stable across forge versions and processes.
std::int64_t advisory_lock_key(std::string_view database);

}  // namespace forge::dialect::postgres
