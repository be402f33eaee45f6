#pragma once
#include <string>
#include <string_view>

namespace forge::dialect::sqlite {

/// `name` as a quoted SQLite identifier ("a""b").
std::string quote_identifier(std::string_view name);
/// Creates the history table when missing.
std::string create_history_sql(const std::string& table);
/// Selects name, checksum, applied_at, execution_ms from the history table.
std::string select_history_sql(const std::string& table);
/// Inserts one history row; binds name, checksum, applied_at, execution_ms.
std::string insert_history_sql(const std::string& table);
/// Deletes one history row; binds name.
std::string delete_history_sql(const std::string& table);
/// Counts tables called ?1.
std::string table_exists_sql();

}  // namespace forge::dialect::sqlite
