#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace forge::dialect::sqlite {

/// `name` as a quoted SQLite identifier ("a""b").
std::string quote_identifier(std::string_view name);
/// Creates the history table when missing.
std::string create_history_sql(const std::string& table);
/// Lists the history table's column names.
std::string history_columns_sql(const std::string& table);
/// Adds `column` (one of core::k_added_history_columns) to a history table forge did not create,
/// with a default.
std::string add_history_column_sql(const std::string& table, const std::string& column);
/// Selects name, checksum, applied_at, execution_ms, state, statements_done, statement_hashes;
/// `missing` added columns (a table forge did not create) are read as their defaults.
std::string select_history_sql(const std::string& table, const std::vector<std::string>& missing);
/// Writes one history row, replacing one of the same name; binds the seven columns in the
/// order select_history_sql reads them.
std::string upsert_history_sql(const std::string& table);
/// Deletes one history row; binds name.
std::string delete_history_sql(const std::string& table);

}  // namespace forge::dialect::sqlite
