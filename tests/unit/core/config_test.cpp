#include "core/config.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "core/errors.hpp"
#include "support/temp_folder.hpp"

namespace forge::core {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

// Resolves settings in a temp project folder with a fake environment.
class Config : public ::testing::Test {
 protected:
  Getenv getenv() const {
    return [this](const std::string& name) -> std::optional<std::string> {
      auto found = m_env.find(name);
      if (found == m_env.end()) return std::nullopt;
      return found->second;
    };
  }
  Settings settings(const ConfigFlags& flags = {}) {
    return resolve_settings(flags, getenv(), m_cwd.path());
  }
  DatabaseUrl url(const ConfigFlags& flags = {}) {
    return resolve_database_url(settings(flags), getenv());
  }
  void write(const std::string& name, std::string_view content) { m_cwd.write(name, content); }
  template <typename F>
  std::string config_error_of(F&& action) {
    try {
      action();
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "(no error)";
  }

  std::map<std::string, std::string> m_env;
  testing::TempFolder m_cwd;
};

ConfigFlags with_url(std::string url) {
  ConfigFlags flags;
  flags.url = std::move(url);
  return flags;
}

// --- defaults -----------------------------------------------------------------------------

TEST_F(Config, DefaultsWhenNothingIsConfigured) {
  const Settings s = settings();
  EXPECT_EQ(s.environment, "development");
  EXPECT_EQ(s.migrations_dir, std::filesystem::path("migrations"));
  EXPECT_EQ(s.meta_table, "ForgeMeta");
  EXPECT_FALSE(s.url);
  EXPECT_FALSE(s.config_path);
  EXPECT_FALSE(s.has_section);
}

TEST_F(Config, RefusesToGuessADatabase) {
  EXPECT_THAT(config_error_of([&] { url(); }), HasSubstr("no database configured"));
}

// --- environment name --------------------------------------------------------------------

TEST_F(Config, TakesTheEnvironmentFromEnvFlagThenForgeEnvThenNodeEnv) {
  m_env = {{"FORGE_ENV", "staging"}, {"NODE_ENV", "test"}};
  ConfigFlags flags;
  flags.env = "production";
  EXPECT_EQ(settings(flags).environment, "production");
  EXPECT_EQ(settings().environment, "staging");
  m_env.erase("FORGE_ENV");
  EXPECT_EQ(settings().environment, "test");
  m_env.erase("NODE_ENV");
  EXPECT_EQ(settings().environment, "development");
}

// --- url precedence -------------------------------------------------------------------------

TEST_F(Config, TakesTheUrlFromFlagThenDatabaseUrlThenForgercThenConfigFile) {
  write("forge.json", R"({"development": {"url": "sqlite:from-config.db"}})");
  EXPECT_EQ(url().database, "from-config.db");

  write(".forgerc", R"({"url": "sqlite:from-rc.db"})");
  EXPECT_EQ(url().database, "from-rc.db");
  EXPECT_EQ(settings().url_origin, ".forgerc");

  m_env["DATABASE_URL"] = "sqlite:from-env.db";
  EXPECT_EQ(url().database, "from-env.db");
  EXPECT_EQ(settings().url_origin, "DATABASE_URL");

  EXPECT_EQ(url(with_url("sqlite:from-flag.db")).database, "from-flag.db");
  EXPECT_EQ(settings(with_url("sqlite:from-flag.db")).url_origin, "--url");
}

TEST_F(Config, IgnoresAnEmptyDatabaseUrl) {
  write("forge.json", R"({"development": {"url": "sqlite:from-config.db"}})");
  m_env["DATABASE_URL"] = "";
  EXPECT_EQ(url().database, "from-config.db");
}

// --- paths and table ----------------------------------------------------------------------

TEST_F(Config, TakesTheMigrationsPathFromFlagThenEnvThenForgercThenConfigFile) {
  write("forge.json",
        R"({"development": {"url": "sqlite:x.db", "migrationsPath": "from-config"}})");
  EXPECT_EQ(settings().migrations_dir, std::filesystem::path("from-config"));
  write(".forgerc", R"({"migrations-path": "from-rc"})");
  EXPECT_EQ(settings().migrations_dir, std::filesystem::path("from-rc"));
  m_env["FORGE_MIGRATIONS_PATH"] = "from-env";
  EXPECT_EQ(settings().migrations_dir, std::filesystem::path("from-env"));
  ConfigFlags flags;
  flags.migrations_path = "from-flag";
  EXPECT_EQ(settings(flags).migrations_dir, std::filesystem::path("from-flag"));
}

TEST_F(Config, TakesTheMetaTableFromFlagThenEnvThenForgercThenConfigFile) {
  write("forge.json",
        R"({"development": {"url": "sqlite:x.db", "migrationStorageTableName": "SequelizeMeta"}})");
  EXPECT_EQ(settings().meta_table, "SequelizeMeta");
  write(".forgerc", R"({"meta-table": "RcMeta"})");
  EXPECT_EQ(settings().meta_table, "RcMeta");
  m_env["FORGE_META_TABLE"] = "EnvMeta";
  EXPECT_EQ(settings().meta_table, "EnvMeta");
  ConfigFlags flags;
  flags.meta_table = "FlagMeta";
  EXPECT_EQ(settings(flags).meta_table, "FlagMeta");
}

// --- finding the config file -----------------------------------------------------------------

TEST_F(Config, RefusesAnExplicitConfigFileThatDoesNotExist) {
  ConfigFlags flags;
  flags.config = "missing/forge.json";
  EXPECT_THAT(config_error_of([&] { settings(flags); }),
              AllOf(HasSubstr("missing/forge.json"), HasSubstr("not found")));
  m_env["FORGE_CONFIG"] = "also-missing.json";
  EXPECT_THAT(config_error_of([&] { settings(); }), HasSubstr("also-missing.json"));
}

TEST_F(Config, ReadsAnExplicitConfigFileRelativeToTheProject) {
  write("conf/db.json", R"({"development": {"url": "sqlite:explicit.db"}})");
  ConfigFlags flags;
  flags.config = "conf/db.json";
  EXPECT_EQ(url(flags).database, "explicit.db");
  EXPECT_EQ(settings(flags).config_path, std::filesystem::path("conf/db.json"));
}

TEST_F(Config, ReadsTheConfigFileNamedInForgerc) {
  write("settings/db.json", R"({"development": {"url": "sqlite:rc-named.db"}})");
  write(".forgerc", R"({"config": "settings/db.json"})");
  EXPECT_EQ(url().database, "rc-named.db");
}

TEST_F(Config, SeederStorageSequelizeKeepsSeedersInSequelizeData) {
  write("forge.json", R"({"development": {"url": "sqlite:x.db", "seederStorage": "sequelize"}})");
  EXPECT_EQ(settings().seed_table, "SequelizeData");
  write("forge.json", R"({"development": {"url": "sqlite:x.db", "seederStorage": "sequelize",
                          "seederStorageTableName": "Seeds"}})");
  EXPECT_EQ(settings().seed_table, "Seeds");
  write("forge.json", R"({"development": {"url": "sqlite:x.db", "seederStorage": "none"}})");
  EXPECT_EQ(settings().seed_table, "ForgeSeeds");
}

TEST_F(Config, RefusesAHistoryKeptInAJsonFile) {
  write("forge.json", R"({"development": {"url": "sqlite:x.db", "seederStorage": "json"}})");
  EXPECT_THROW(settings(), ConfigError);
  write("forge.json", R"({"development": {"url": "sqlite:x.db", "migrationStorage": "json"}})");
  EXPECT_THROW(settings(), ConfigError);
}

TEST_F(Config, FallsBackToSequelizesConfigJson) {
  write("config/config.json",
        R"({"development": {"dialect": "sqlite", "storage": "db/seq.sqlite"}})");
  EXPECT_EQ(settings().config_path, std::filesystem::path("config/config.json"));
  EXPECT_EQ(url().database, "db/seq.sqlite");
}

TEST_F(Config, KnowsASequelizeProjectByItsConfigOrItsSequelizerc) {
  EXPECT_FALSE(settings().sequelize_project);
  write(".sequelizerc", "module.exports = {};\n");
  EXPECT_TRUE(settings().sequelize_project);
  std::filesystem::remove(m_cwd.path() / ".sequelizerc");
  write("config/config.json", R"({"development": {"dialect": "sqlite", "storage": "s.db"}})");
  EXPECT_TRUE(settings().sequelize_project);
  write("forge.json", R"({"development": {"url": "sqlite:forge.db"}})");
  EXPECT_FALSE(settings().sequelize_project);
}

TEST_F(Config, TellsANamedHistoryTableFromTheDefault) {
  EXPECT_FALSE(settings().meta_table_named);
  EXPECT_EQ(settings().meta_table, "ForgeMeta");
  write("config/config.json", R"({"development": {"dialect": "sqlite", "storage": "s.db",
                                  "migrationStorageTableName": "Meta"}})");
  EXPECT_TRUE(settings().meta_table_named);
  EXPECT_EQ(settings().meta_table, "Meta");
}

TEST_F(Config, PrefersForgeJsonOverSequelizesConfigJson) {
  write("config/config.json",
        R"({"development": {"dialect": "sqlite", "storage": "db/seq.sqlite"}})");
  write("forge.json", R"({"development": {"url": "sqlite:forge.db"}})");
  EXPECT_EQ(url().database, "forge.db");
}

TEST_F(Config, ListsTheEnvironmentsWhenTheSectionIsMissing) {
  write("forge.json", R"({"development": {"url": "sqlite:a.db"}, "test": {"url": "sqlite:b.db"}})");
  m_env["NODE_ENV"] = "production";
  EXPECT_THAT(config_error_of([&] { url(); }),
              AllOf(HasSubstr("no \"production\" environment"), HasSubstr("development, test")));
}

TEST_F(Config, ReportsTheLineAndColumnOfInvalidJson) {
  write("forge.json", "{\n  \"development\": {\n    \"url\": \"sqlite:a.db\",\n  }\n}\n");
  EXPECT_THAT(config_error_of([&] { settings(); }),
              AllOf(HasSubstr("forge.json"), HasSubstr("line 4"), HasSubstr("column")));
}

TEST_F(Config, ReportsInvalidJsonInForgerc) {
  write(".forgerc", "{ \"migrations-path\": ");
  EXPECT_THAT(config_error_of([&] { settings(); }), HasSubstr(".forgerc"));
}

TEST_F(Config, RefusesAConfigFileThatIsNotAnObject) {
  write("forge.json", "[1, 2]");
  EXPECT_THAT(config_error_of([&] { settings(); }), HasSubstr("expected an object"));
}

// --- Sequelize keys ----------------------------------------------------------------------------

TEST_F(Config, ReadsSequelizeSqliteKeys) {
  write("forge.json", R"({"development": {"dialect": "sqlite", "storage": "db/dev.sqlite3"}})");
  const DatabaseUrl db = url();
  EXPECT_EQ(db.dialect, Dialect::sqlite);
  EXPECT_EQ(db.database, "db/dev.sqlite3");
}

TEST_F(Config, BuildsAPostgresUrlFromSequelizeKeys) {
  write("forge.json",
        R"({"production": {"dialect": "postgres", "host": "db.example.com", "port": 6543,
      "username": "app", "password": "seq-secret-pw", "database": "shop"}})");
  m_env["NODE_ENV"] = "production";
  const DatabaseUrl db = url();
  EXPECT_EQ(db.dialect, Dialect::postgres);
  EXPECT_EQ(db.host, "db.example.com");
  EXPECT_EQ(db.port, 6543);
  EXPECT_EQ(db.user, "app");
  EXPECT_EQ(db.password, "seq-secret-pw");
  EXPECT_EQ(db.database, "shop");
  EXPECT_EQ(db.redacted(), "postgres://app:***@db.example.com:6543/shop");
}

TEST_F(Config, AcceptsANullPassword) {
  write("config/config.json", R"({"development": {"dialect": "mysql", "username": "root",
      "password": null, "database": "shop", "host": "127.0.0.1"}})");
  const DatabaseUrl db = url();
  EXPECT_EQ(db.dialect, Dialect::mysql);
  EXPECT_EQ(db.password, "");
  EXPECT_EQ(db.user, "root");
  EXPECT_EQ(db.host, "127.0.0.1");
}

TEST_F(Config, ReadsTheUrlFromUseEnvVariable) {
  write("forge.json", R"({"production": {"use_env_variable": "APP_DB"}})");
  m_env = {{"NODE_ENV", "production"}, {"APP_DB", "postgres://u:env-var-pw@db/shop"}};
  const DatabaseUrl db = url();
  EXPECT_EQ(db.dialect, Dialect::postgres);
  EXPECT_EQ(db.database, "shop");
}

TEST_F(Config, RefusesAUseEnvVariableThatIsNotSet) {
  write("forge.json", R"({"production": {"use_env_variable": "APP_DB"}})");
  m_env = {{"NODE_ENV", "production"}};
  EXPECT_THAT(config_error_of([&] { url(); }), HasSubstr("APP_DB"));
}

TEST_F(Config, RefusesAnUnsupportedDialect) {
  write("forge.json", R"({"development": {"dialect": "mssql", "host": "db"}})");
  EXPECT_THAT(config_error_of([&] { url(); }), HasSubstr("unsupported dialect 'mssql'"));
}

TEST_F(Config, RefusesASectionThatNamesNoDatabase) {
  write("forge.json", R"({"development": {"migrationStorageTableName": "Meta"}})");
  EXPECT_THROW(url(), ConfigError);
}

// --- types of values --------------------------------------------------------------------------

TEST_F(Config, RefusesAnEnvironmentThatIsNotAnObject) {
  write("forge.json", R"({"development": "sqlite:db/dev.sqlite3"})");
  EXPECT_THAT(config_error_of([&] { settings(); }),
              HasSubstr("forge.json: the \"development\" environment is a string; it must be "
                        "an object"));
  write("forge.json", R"({"development": null})");
  EXPECT_THAT(config_error_of([&] { settings(); }), HasSubstr("environment is null"));
}

TEST_F(Config, IgnoresTopLevelEntriesThatAreNotTheEnvironmentInUse) {
  write("forge.json", R"({"$schema": "forge.schema.json", "development": {"url": "sqlite:a.db"},
      "production": {"url": ["not", "checked"]}})");
  EXPECT_EQ(url().database, "a.db");
}

TEST_F(Config, RefusesAUrlThatIsNotAStringRatherThanLookingElsewhere) {
  write("forge.json", R"({"development": {"url": ["sqlite:db/dev.sqlite3"]}})");
  EXPECT_THAT(config_error_of([&] { url(); }),
              HasSubstr("forge.json (environment development, \"url\"): must be a string, not "
                        "a list"));
  write("forge.json", R"({"development": {"url": {"href": "sqlite:a.db"}}})");
  EXPECT_THAT(config_error_of([&] { url(); }), HasSubstr("must be a string, not an object"));
}

TEST_F(Config, RefusesANumberWhereAStringIsNeeded) {
  write("forge.json", R"({"development": {"dialect": "sqlite", "storage": 42}})");
  EXPECT_THAT(config_error_of([&] { url(); }),
              HasSubstr("\"storage\"): must be a string, not a number"));
  write("forge.json", R"({"development": {"url": "sqlite:a.db", "migrationsPath": true}})");
  EXPECT_THAT(config_error_of([&] { settings(); }),
              HasSubstr("\"migrationsPath\"): must be a string, not a boolean"));
}

TEST_F(Config, RefusesAStorageFileNameHoldingANulCharacter) {
  write("forge.json", R"({"development": {"dialect": "sqlite", "storage": "dev\u0000.db"}})");
  EXPECT_THAT(config_error_of([&] { url(); }), HasSubstr("\"storage\"): holds a NUL character"));
}

TEST_F(Config, RefusesAValueOfTheWrongTypeInForgerc) {
  write(".forgerc", R"({"url": 5})");
  EXPECT_THAT(config_error_of([&] { settings(); }),
              HasSubstr(".forgerc (\"url\"): must be a string, not a number"));
}

TEST_F(Config, LeavesKeysItDoesNotReadAlone) {
  write("config/config.json", R"({"development": {"dialect": "sqlite", "storage": "a.db",
      "logging": false, "pool": {"max": 5}, "define": {"underscored": true}, "retry": [1]}})");
  EXPECT_EQ(url().database, "a.db");
}

TEST_F(Config, TakesAPortAsANumberOrAsDigits) {
  write("forge.json", R"({"development": {"dialect": "mysql", "host": "db", "port": 3307}})");
  EXPECT_EQ(url().port, 3307);
  write("forge.json", R"({"development": {"dialect": "mysql", "host": "db", "port": "3308"}})");
  EXPECT_EQ(url().port, 3308);
  write("forge.json", R"({"development": {"dialect": "mysql", "host": "db", "port": true}})");
  EXPECT_THAT(config_error_of([&] { url(); }),
              HasSubstr("must be a string or a number, not a boolean"));
}

TEST_F(Config, TakesAPasswordWrittenAsANumber) {
  write("forge.json", R"({"development": {"dialect": "mysql", "host": "db", "password": 123456}})");
  EXPECT_EQ(url().password, "123456");
}

TEST_F(Config, RefusesPortZeroAndPortsOutOfRange) {
  for (const char* port : {"0", "65536", "-1", "5432.5", "\"0\""}) {
    write("forge.json",
          std::string(R"({"development": {"dialect": "postgres", "host": "db", "port": )") + port +
              "}}");
    EXPECT_THAT(config_error_of([&] { url(); }), HasSubstr("\"port\"): bad port")) << port;
  }
}

TEST_F(Config, TakesStrictAsABooleanOrAsText) {
  write("forge.json", R"({"development": {"url": "sqlite:a.db", "strict": true}})");
  EXPECT_TRUE(settings().strict);
  write("forge.json", R"({"development": {"url": "sqlite:a.db", "strict": "1"}})");
  EXPECT_TRUE(settings().strict);
  write("forge.json", R"({"development": {"url": "sqlite:a.db", "strict": false}})");
  EXPECT_FALSE(settings().strict);
}

TEST_F(Config, TakesTheStatementTimeoutFromFlagThenEnvThenForgercThenConfigFile) {
  write("forge.json", R"({"development": {"url": "sqlite:a.db"}})");
  EXPECT_EQ(settings().statement_timeout, 0) << "no limit by default";
  write("forge.json", R"({"development": {"url": "sqlite:a.db", "statementTimeout": 30}})");
  EXPECT_EQ(settings().statement_timeout, 30);
  write(".forgerc", R"({"statement-timeout": "20"})");
  EXPECT_EQ(settings().statement_timeout, 20);
  m_env["FORGE_STATEMENT_TIMEOUT"] = "1.5";
  EXPECT_EQ(settings().statement_timeout, 1.5);
  ConfigFlags flags;
  flags.statement_timeout = 0;
  EXPECT_EQ(settings(flags).statement_timeout, 0) << "--statement-timeout 0 lifts the limit";
}

TEST_F(Config, ExpandsVariablesInTheStatementTimeout) {
  write("forge.json",
        R"({"development": {"url": "sqlite:a.db", "statementTimeout": "${LIMIT:-45}"}})");
  EXPECT_EQ(settings().statement_timeout, 45);
  m_env["LIMIT"] = "2";
  EXPECT_EQ(settings().statement_timeout, 2);
}

TEST_F(Config, RefusesAStatementTimeoutThatIsNotANumberOfSeconds) {
  for (const char* bad : {"\"soon\"", "-1", "\"\"", "true", "\"1e99\"", "\"5s\""}) {
    write(
        "forge.json",
        std::string(R"({"development": {"url": "sqlite:a.db", "statementTimeout": )") + bad + "}}");
    EXPECT_THAT(config_error_of([&] { settings(); }),
                HasSubstr("forge.json (environment development, \"statementTimeout\")"))
        << bad;
  }
  m_env["FORGE_STATEMENT_TIMEOUT"] = "ten";
  EXPECT_THAT(config_error_of([&] { settings(); }),
              HasSubstr("FORGE_STATEMENT_TIMEOUT: bad statement timeout 'ten'"));
}

// --- ${VAR} ----------------------------------------------------------------------------------

TEST_F(Config, ExpandsVariablesInConfigValues) {
  write("forge.json",
        R"({"production": {"url": "postgres://app@${DB_HOST}:${DB_PORT:-5432}/shop"}})");
  m_env = {{"NODE_ENV", "production"}, {"DB_HOST", "db.internal"}};
  const DatabaseUrl db = url();
  EXPECT_EQ(db.host, "db.internal");
  EXPECT_EQ(db.port, 5432);
}

TEST_F(Config, RefusesAnUnsetVariableInTheConfigNamingIt) {
  write("forge.json", R"({"production": {"url": "${DATABASE_URL_PROD}"}})");
  m_env = {{"NODE_ENV", "production"}};
  EXPECT_THAT(config_error_of([&] { url(); }),
              AllOf(HasSubstr("DATABASE_URL_PROD"), HasSubstr("forge.json")));
}

}  // namespace
}  // namespace forge::core
