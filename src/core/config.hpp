#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "core/config_file.hpp"
#include "core/env_expansion.hpp"
#include "core/url.hpp"

namespace forge::core {

/// What the command line said; unset options are nullopt.
struct ConfigFlags {
  std::optional<std::string> url, env, config, migrations_path, meta_table;
  std::optional<std::string> seeders_path, seed_table;  ///< --seeders-path, --seed-table
  std::optional<double> statement_timeout;              ///< --statement-timeout, in seconds
};

/// Everything forge needs to know before it connects. Each value follows the precedence
/// flag > environment variable > .forgerc > config file > default.
struct Settings {
  std::string environment;                           ///< --env, FORGE_ENV, NODE_ENV, "development"
  std::optional<std::filesystem::path> config_path;  ///< the config file read, if any
  std::filesystem::path migrations_dir;              ///< default "migrations"
  std::string meta_table;                            ///< default "ForgeMeta"
  /// meta_table was named (flag, FORGE_META_TABLE, .forgerc or migrationStorageTableName)
  /// rather than left to the default, which choose_history_table may then change.
  bool meta_table_named = false;
  /// A Sequelize project: a `.sequelizerc` beside it, or the config file is `config/config.json`.
  bool sequelize_project = false;
  std::filesystem::path seeders_dir;      ///< default "seeders"
  std::string seed_table;                 ///< the seeders' history table, default "ForgeSeeds"
  std::optional<std::string> url;         ///< --url, DATABASE_URL or .forgerc "url"
  std::string url_origin;                 ///< where `url` came from, for messages
  ConfigValues section;                   ///< the environment's config values, unexpanded
  bool has_section = false;               ///< the config file has this environment
  std::vector<std::string> environments;  ///< all environments in the config file
  bool strict = false;  ///< FORGE_STRICT or the environment's "strict": refuse what only warns
  /// Seconds one statement may run before the database stops it; 0: no limit. From
  /// --statement-timeout, FORGE_STATEMENT_TIMEOUT, .forgerc or the environment's
  /// "statementTimeout".
  double statement_timeout = 0;
  /// Where to dump the schema after every successful migrate or undo (dbmate's habit), from
  /// FORGE_SCHEMA_FILE, .forgerc's `schema-file` or the environment's `schemaFile`; a `.yaml` /
  /// `.yml` file gets the YAML dump, any other the SQL one. Empty: no dump.
  std::string schema_file;
};

/// Resolves the settings from flags, the environment, `<cwd>/.forgerc`, `<cwd>/.sequelizerc`
/// (its `config`, `migrations-path`, `seeders-path` and `url`, under .forgerc's; read through
/// `evaluate` -- Node -- when given, else in its literal forms) and the config file
/// (`--config`, `FORGE_CONFIG`, .forgerc or .sequelizerc "config", else `forge.json`, else
/// Sequelize's `config/config.json` or `config/config.js` (through `evaluate`)). Relative paths are
/// taken from `cwd`. Throws ConfigError for an unreadable or invalid file, a config file named
/// explicitly that does not exist, or a statement timeout that is not a number of seconds from 0 to
/// 2147483.
Settings resolve_settings(const ConfigFlags& flags, const Getenv& getenv,
                          const std::filesystem::path& cwd, const EvaluateModule& evaluate = {});

/// The database to use: `settings.url` when set, else the environment's section (`url`,
/// `use_env_variable`, or Sequelize's dialect/storage/host/port/username/password/database),
/// with `${VAR}` expanded. Throws ConfigError when nothing names a database or a value is bad.
DatabaseUrl resolve_database_url(const Settings& settings, const Getenv& getenv);

}  // namespace forge::core
