#include "core/config.hpp"

#include <algorithm>
#include <cctype>
#include <functional>

#include "core/errors.hpp"
#include "core/sequelizerc.hpp"
#include "util/strings.hpp"
#include "util/utc_clock.hpp"

namespace forge::core {

namespace fs = std::filesystem;

namespace {

const char* k_no_database_hint =
    "Pass --url (e.g. --url sqlite:db/development.sqlite3), set DATABASE_URL, or run "
    "'forge init' to write a forge.json.";

using Type = ConfigValue::Type;

// Where a key was read, for messages: `forge.json (environment development, "url")`.
using KeyPlace = std::function<std::string(const std::string& key)>;

std::string in_rc(const std::string& key) { return ".forgerc (\"" + key + "\")"; }

// The first of several spellings of a key present in `values`, as text (see text_of).
std::optional<std::string> pick(const ConfigValues& values, const KeyPlace& place,
                                std::initializer_list<const char*> keys,
                                std::initializer_list<Type> also = {}) {
  for (const char* key : keys) {
    if (auto found = values.find(key); found != values.end()) {
      return text_of(found->second, place(key), also);
    }
  }
  return std::nullopt;
}

std::optional<std::string> first_of(std::initializer_list<std::optional<std::string>> choices) {
  for (const auto& choice : choices) {
    if (choice && !choice->empty()) return choice;
  }
  return std::nullopt;
}

fs::path absolute_from(const fs::path& cwd, const std::string& path) {
  fs::path p(path);
  return p.is_absolute() ? p : cwd / p;
}

std::optional<fs::path> find_config_file(const ConfigFlags& flags, const Getenv& getenv,
                                         const ConfigValues& rc, const fs::path& cwd) {
  if (auto named = first_of({flags.config, getenv("FORGE_CONFIG"), pick(rc, in_rc, {"config"})})) {
    fs::path path = absolute_from(cwd, *named);
    if (!fs::exists(path)) {
      throw ConfigError("config file " + *named + " not found",
                        "Check the path, or run 'forge init' to create forge.json.");
    }
    return fs::path(*named);
  }
  for (const char* fallback : {"forge.json", "config/config.json", "config/config.js"}) {
    if (fs::exists(cwd / fallback)) return fs::path(fallback);
  }
  return std::nullopt;
}

void load_section(Settings& settings, const fs::path& cwd, const EvaluateModule& evaluate) {
  if (!settings.config_path) return;
  ConfigFile file = read_config_file(absolute_from(cwd, settings.config_path->string()), evaluate);
  if (auto odd = file.not_objects.find(settings.environment); odd != file.not_objects.end()) {
    throw ConfigError(settings.config_path->string() + ": the \"" + settings.environment +
                          "\" environment is " + odd->second + "; it must be an object",
                      "Write it as { \"" + settings.environment +
                          "\": { \"url\": \"sqlite:db/dev.sqlite3\" } }.");
  }
  for (const auto& [name, values] : file.environments) settings.environments.push_back(name);
  if (auto found = file.environments.find(settings.environment); found != file.environments.end()) {
    settings.section = found->second;
    settings.has_section = true;
  }
}

std::string where(const Settings& settings, const std::string& key) {
  return settings.config_path->string() + " (environment " + settings.environment + ", \"" + key +
         "\")";
}

// sequelize-cli's storages: forge keeps migrations in a table ("sequelize", the default) and
// seeders in a table (SequelizeData for "sequelize"; ForgeSeeds otherwise, where sequelize-cli's
// "none" records nothing and reruns every seeder). A history kept in a JSON file is refused:
// forge would not see it, and would run everything again.
void check_storages(const Settings& settings, const KeyPlace& place) {
  const std::pair<const char*, std::vector<std::string>> storages[] = {
      {"migrationStorage", {"sequelize"}}, {"seederStorage", {"sequelize", "none"}}};
  for (const auto& [key, allowed] : storages) {
    const auto value = pick(settings.section, place, {key});
    if (!value || std::find(allowed.begin(), allowed.end(), *value) != allowed.end()) continue;
    throw ConfigError(where(settings, key) + " is \"" + *value +
                          "\": forge keeps its history in the database only",
                      "Use \"sequelize\" (a table that forge and sequelize-cli share); mark what "
                      "the file lists as applied with 'forge db:migrate:baseline'.");
  }
}

// The environment's value for the first of `keys` present, with ${VAR} expanded.
std::optional<std::string> section_value(const Settings& settings, const Getenv& getenv,
                                         std::initializer_list<const char*> keys,
                                         std::initializer_list<Type> also = {}) {
  for (const char* key : keys) {
    if (auto found = settings.section.find(key); found != settings.section.end()) {
      const std::string place = where(settings, key);
      return expand_env(text_of(found->second, place, also), getenv, place);
    }
  }
  return std::nullopt;
}

// A history table's name as forge takes it: `table` or `schema.table` (MySQL: `database.table`),
// each part 1 to 63 letters, digits, `_`, `$` or `-` (63: PostgreSQL's limit on names). Anything
// else is a mistake or an attack, and would make a table no one can find again.
void check_table_name(const std::string& name, const char* what, const char* flag) {
  const auto parts = util::split(name, '.');
  bool good = !name.empty() && parts.size() <= 2;
  for (const auto& part : parts) {
    good = good && !part.empty() && part.size() <= 63 &&
           std::all_of(part.begin(), part.end(), [](char c) {
             return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$' ||
                    c == '-';
           });
  }
  if (!good) {
    const std::string shown = name.size() > 80 ? name.substr(0, 80) + "..." : name;
    throw ConfigError("'" + shown + "' is no name for " + what,
                      std::string("Give ") + flag +
                          " a table name (letters, digits, _, $ or -; at most 63 of them), "
                          "optionally after a schema and a dot: ForgeMeta, app.ForgeMeta.");
  }
}

// Seeders share neither the migrations' history table nor their folder: each would be recorded
// (or run) as the other.
void refuse_shared_places(const Settings& settings, const fs::path& cwd) {
  if (util::to_lower(settings.meta_table) == util::to_lower(settings.seed_table)) {
    throw ConfigError(
        "the migrations and the seeders would share the history table " + settings.meta_table,
        "Give seeders a table of their own (--seed-table, default ForgeSeeds).");
  }
  std::error_code error;
  const fs::path migrations =
      absolute_from(cwd, settings.migrations_dir.string()).lexically_normal();
  const fs::path seeders = absolute_from(cwd, settings.seeders_dir.string()).lexically_normal();
  if (migrations == seeders || fs::equivalent(migrations, seeders, error)) {
    throw ConfigError(
        "the migrations and the seeders would share the folder " + settings.seeders_dir.string(),
        "Keep seeders in a folder of their own (--seeders-path, default seeders).");
  }
}

DatabaseUrl url_from_parts(const Settings& settings, const Getenv& getenv) {
  auto dialect_name = section_value(settings, getenv, {"dialect"});
  if (!dialect_name) {
    throw ConfigError(
        where(settings, "dialect") + ": no \"url\", \"use_env_variable\" or \"dialect\"",
        k_no_database_hint);
  }
  auto dialect = parse_dialect(*dialect_name);
  if (!dialect) {
    throw ConfigError(where(settings, "dialect") + ": unsupported dialect '" + *dialect_name + "'",
                      "Use sqlite, postgres, mysql or mariadb.");
  }
  DatabaseUrl url;
  url.dialect = *dialect;
  url.scheme = util::to_lower(*dialect_name);
  if (url.dialect == Dialect::sqlite) {
    url.database = section_value(settings, getenv, {"storage"}).value_or("");
    if (url.database.empty()) {
      throw ConfigError(where(settings, "storage") + ": a sqlite configuration needs \"storage\"",
                        "Set \"storage\" to the database file, e.g. \"db/development.sqlite3\".");
    }
    return url;
  }
  url.host = section_value(settings, getenv, {"host"}).value_or("localhost");
  url.user = section_value(settings, getenv, {"username", "user"}).value_or("");
  url.password = section_value(settings, getenv, {"password"}, {Type::number}).value_or("");
  url.database = section_value(settings, getenv, {"database"}).value_or("");
  if (auto port = section_value(settings, getenv, {"port"}, {Type::number})) {
    url.port = parse_port(*port);
    if (!url.port) {
      throw ConfigError(where(settings, "port") + ": bad port '" + *port + "'",
                        "A port is a number from 1 to 65535.");
    }
  }
  return url;
}

// `text` (read at `place`) as a number of seconds for the statement timeout.
double timeout_seconds(const std::string& text, const std::string& place) {
  const auto seconds = util::parse_seconds(text);
  if (!seconds) {
    throw ConfigError(place + ": bad statement timeout '" + text + "'",
                      "Give a number of seconds, such as 30 or 1.5 (0: no limit).");
  }
  return *seconds;
}

double resolve_statement_timeout(const ConfigFlags& flags, const Getenv& getenv,
                                 const ConfigValues& rc, const Settings& settings) {
  if (flags.statement_timeout) return *flags.statement_timeout;
  if (auto env = getenv("FORGE_STATEMENT_TIMEOUT"); env && !env->empty()) {
    return timeout_seconds(*env, "FORGE_STATEMENT_TIMEOUT");
  }
  for (const char* key : {"statement-timeout", "statementTimeout"}) {
    if (auto text = pick(rc, in_rc, {key}, {Type::number}))
      return timeout_seconds(*text, in_rc(key));
  }
  if (auto text = section_value(settings, getenv, {"statementTimeout"}, {Type::number})) {
    return timeout_seconds(*text, where(settings, "statementTimeout"));
  }
  return 0;
}

// sequelize-cli's options from `.sequelizerc`, under .forgerc's: the folders, the config file
// and the URL, as sequelize-cli would take them.
void add_sequelizerc(ConfigValues& rc, const fs::path& cwd, const EvaluateModule& evaluate) {
  if (!fs::exists(cwd / ".sequelizerc")) return;
  const SequelizeRc options = read_sequelizerc(cwd / ".sequelizerc", evaluate);
  for (const char* key : {"config", "migrations-path", "seeders-path", "url"}) {
    if (auto found = options.find(key); found != options.end() && rc.count(key) == 0) {
      rc[key] = ConfigValue{ConfigValue::Type::string, found->second};
    }
  }
}

}  // namespace

Settings resolve_settings(const ConfigFlags& flags, const Getenv& getenv, const fs::path& cwd,
                          const EvaluateModule& evaluate) {
  ConfigValues rc;
  if (fs::exists(cwd / ".forgerc")) rc = read_rc_file(cwd / ".forgerc");
  add_sequelizerc(rc, cwd, evaluate);
  Settings settings;
  settings.environment =
      first_of({flags.env, getenv("FORGE_ENV"), getenv("NODE_ENV")}).value_or("development");
  settings.config_path = find_config_file(flags, getenv, rc, cwd);
  load_section(settings, cwd, evaluate);

  const KeyPlace in_section = [&settings](const std::string& key) { return where(settings, key); };
  const auto migrations =
      first_of({flags.migrations_path, getenv("FORGE_MIGRATIONS_PATH"),
                pick(rc, in_rc, {"migrations-path", "migrationsPath"}),
                pick(settings.section, in_section, {"migrationsPath", "migrations-path"})});
  settings.migrations_dir = migrations.value_or("migrations");
  const auto meta_table =
      first_of({flags.meta_table, getenv("FORGE_META_TABLE"),
                pick(rc, in_rc, {"meta-table", "migrationStorageTableName"}),
                pick(settings.section, in_section, {"migrationStorageTableName"})});
  settings.meta_table = meta_table.value_or("ForgeMeta");
  settings.meta_table_named = meta_table.has_value();
  settings.sequelize_project = fs::exists(cwd / ".sequelizerc") ||
                               (settings.config_path &&
                                (settings.config_path->filename() == "config.json" ||
                                 settings.config_path->filename() == "config.js") &&
                                settings.config_path->parent_path().filename() == "config");
  settings.seeders_dir =
      first_of({flags.seeders_path, getenv("FORGE_SEEDERS_PATH"),
                pick(rc, in_rc, {"seeders-path", "seedersPath"}),
                pick(settings.section, in_section, {"seedersPath", "seeders-path"})})
          .value_or("seeders");
  check_storages(settings, in_section);
  const auto seeder_storage = pick(settings.section, in_section, {"seederStorage"});
  settings.seed_table =
      first_of({flags.seed_table, getenv("FORGE_SEED_TABLE"),
                pick(rc, in_rc, {"seed-table", "seederStorageTableName"}),
                pick(settings.section, in_section, {"seederStorageTableName"})})
          .value_or(seeder_storage == std::string("sequelize") ? "SequelizeData" : "ForgeSeeds");
  check_table_name(settings.meta_table, "the migrations' history table", "--meta-table");
  check_table_name(settings.seed_table, "the seeders' history table", "--seed-table");
  refuse_shared_places(settings, cwd);
  const auto strict = first_of(
      {getenv("FORGE_STRICT"), pick(settings.section, in_section, {"strict"}, {Type::boolean})});
  settings.strict = strict && (*strict == "true" || *strict == "1");
  settings.statement_timeout = resolve_statement_timeout(flags, getenv, rc, settings);
  settings.schema_file =
      first_of({getenv("FORGE_SCHEMA_FILE"), pick(rc, in_rc, {"schema-file", "schemaFile"}),
                pick(settings.section, in_section, {"schemaFile"})})
          .value_or("");
  if (flags.url && !flags.url->empty()) {
    settings.url = flags.url;
    settings.url_origin = "--url";
  } else if (auto env_url = getenv("DATABASE_URL"); env_url && !env_url->empty()) {
    settings.url = env_url;
    settings.url_origin = "DATABASE_URL";
  } else if (auto rc_url = pick(rc, in_rc, {"url"})) {
    settings.url = rc_url;
    settings.url_origin = ".forgerc";
  }
  return settings;
}

DatabaseUrl resolve_database_url(const Settings& settings, const Getenv& getenv) {
  if (settings.url) return parse_database_url(*settings.url);
  if (!settings.config_path) throw ConfigError("no database configured", k_no_database_hint);
  if (!settings.has_section) {
    throw ConfigError(settings.config_path->string() + " has no \"" + settings.environment +
                          "\" environment (it has: " + util::join(settings.environments, ", ") +
                          ")",
                      "Choose one with --env or FORGE_ENV, or add the environment to the file.");
  }
  if (auto variable = section_value(settings, getenv, {"use_env_variable"})) {
    auto value = getenv(*variable);
    if (!value || value->empty()) {
      throw ConfigError(
          where(settings, "use_env_variable") + " names " + *variable + ", which is not set",
          "Set " + *variable + " to the database URL.");
    }
    return parse_database_url(*value);
  }
  if (auto url = section_value(settings, getenv, {"url"})) return parse_database_url(*url);
  return url_from_parts(settings, getenv);
}

}  // namespace forge::core
