#include "core/history_choice.hpp"

#include "core/errors.hpp"
#include "core/history_store.hpp"
#include "util/logging.hpp"

namespace forge::core {

namespace {
constexpr const char* k_forge_table = "ForgeMeta";
constexpr const char* k_sequelize_table = "SequelizeMeta";
}  // namespace

namespace {

std::string choose(Connection& connection, const Settings& settings,
                   const std::map<std::string, std::vector<std::string>>& described) {
  const auto exists = [&](const char* table) {
    HistoryStore store(connection, table);
    const auto found = described.find(table);
    return found != described.end() ? store.exists_with(found->second) : store.exists();
  };
  const bool forge_table = exists(k_forge_table);
  const bool sequelize_table = exists(k_sequelize_table);
  if (settings.sequelize_project) {
    if (forge_table && sequelize_table) {
      throw ConfigError(
          "this database has both ForgeMeta (forge's history) and SequelizeMeta "
          "(sequelize-cli's), and this Sequelize project names neither",
          "Say which one records what ran here: --meta-table SequelizeMeta (or ForgeMeta), or "
          "\"migrationStorageTableName\" in the environment of config/config.json.");
    }
    return forge_table ? k_forge_table : k_sequelize_table;
  }
  if (sequelize_table) {
    util::log_warn(
        "this database has sequelize-cli's SequelizeMeta, which forge does not read here (its "
        "history table is ForgeMeta); if sequelize-cli migrated this database, pass "
        "--meta-table SequelizeMeta");
  }
  return k_forge_table;
}

}  // namespace

std::string choose_history_table(Connection& connection, const Settings& settings) {
  if (settings.meta_table_named) return settings.meta_table;
  // Both tables in one round trip where the dialect can (every server's status starts here),
  // and the chosen one's columns kept for the reads made at once (Connection::keep_history_...).
  const auto described = connection.describe_history({k_forge_table, k_sequelize_table});
  std::string chosen = choose(connection, settings, described);
  if (const auto found = described.find(chosen); found != described.end()) {
    connection.keep_history_columns(chosen, found->second);
  }
  return chosen;
}

}  // namespace forge::core
