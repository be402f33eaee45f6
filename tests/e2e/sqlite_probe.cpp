#include "sqlite_probe.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <stdexcept>

namespace forge::e2e {

namespace {
std::string quoted(const std::string& name) { return "\"" + name + "\""; }
}  // namespace

SqliteProbe::SqliteProbe(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) {
    throw std::runtime_error("no database file " + file.string());
  }
  m_db = std::make_unique<SQLite::Database>(file.string(), SQLite::OPEN_READONLY);
}

SqliteProbe::~SqliteProbe() = default;

bool SqliteProbe::has_table(const std::string& name) const {
  SQLite::Statement query(*m_db,
                          "SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?");
  query.bind(1, name);
  query.executeStep();
  return query.getColumn(0).getInt() > 0;
}

long long SqliteProbe::count(const std::string& table) const {
  return std::stoll(scalar("SELECT count(*) FROM " + quoted(table)));
}

std::string SqliteProbe::scalar(const std::string& sql) const {
  SQLite::Statement query(*m_db, sql);
  if (!query.executeStep()) throw std::runtime_error("no row from: " + sql);
  return query.getColumn(0).getString();
}

std::vector<std::string> SqliteProbe::applied(const std::string& table) const {
  std::vector<std::string> names;
  for (const auto& row : history(table)) names.push_back(row.name);
  return names;
}

std::vector<StoredHistoryRow> SqliteProbe::history(const std::string& table) const {
  std::vector<StoredHistoryRow> rows;
  if (!has_table(table)) return rows;
  SQLite::Statement query(*m_db, "SELECT name, checksum, applied_at, execution_ms FROM " +
                                     quoted(table) + " ORDER BY name");
  while (query.executeStep()) {
    rows.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(),
                    query.getColumn(2).getString(), query.getColumn(3).getInt64()});
  }
  return rows;
}

std::string SqliteProbe::rows(const std::string& table) const {
  SQLite::Statement query(*m_db, "SELECT * FROM " + quoted(table) + " ORDER BY 1");
  std::string out;
  while (query.executeStep()) {
    for (int i = 0; i < query.getColumnCount(); ++i) {
      if (i > 0) out += "|";
      const SQLite::Column column = query.getColumn(i);
      out += column.isNull() ? std::string("NULL") : column.getString();
    }
    out += "\n";
  }
  return out;
}

std::string SqliteProbe::schema_and_history(const std::string& history_table) const {
  SQLite::Statement query(*m_db,
                          "SELECT type, name, ifnull(sql, '') FROM sqlite_master ORDER BY name");
  std::string out;
  while (query.executeStep()) {
    out += query.getColumn(0).getString() + " " + query.getColumn(1).getString() + ": " +
           query.getColumn(2).getString() + "\n";
  }
  if (has_table(history_table)) out += "-- " + history_table + "\n" + rows(history_table);
  return out;
}

}  // namespace forge::e2e
