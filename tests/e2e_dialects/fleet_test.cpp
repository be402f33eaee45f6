// Fleets on the servers: PostgreSQL databases, schemas of one PostgreSQL database (schema per
// tenant) and MariaDB databases, migrated by one forge run, each with its own session and lock.
#include <nlohmann/json.hpp>

#include "core/statement.hpp"
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;

constexpr const char* k_password = "forge-test-pw";  // the throwaway servers' (servers/README)
constexpr const char* k_tenants_query =
    "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\_%' ORDER BY nspname";

std::string schema_name(int number) { return "tenant_" + std::to_string(100 + number); }

// Three units valid on every dialect; the last adds a row to `log` and makes `marker`, so a
// unit applied twice shows as a second row, and a tenant holding `marker` fails mid-way.
class ServerFleet : public ::testing::Test {
 protected:
  void SetUp() override {
    project.write("migrations/20240101000000-create-log.sql",
                  unit_sql(create_table("log"), "DROP TABLE log;"));
    project.write("migrations/20240102000000-create-items.sql",
                  unit_sql(create_table("items"), "DROP TABLE items;"));
    project.write("migrations/20240103000000-log-row.sql",
                  unit_sql(create_table("marker") + "\nINSERT INTO log (id) VALUES (1);",
                           "DELETE FROM log;\nDROP TABLE marker;"));
  }

  // A PostgreSQL database holding `count` empty tenant schemas.
  std::unique_ptr<forge::testing::TestDatabase> schema_database(int count) const {
    auto database = std::make_unique<forge::testing::TestDatabase>("postgres");
    const auto session = database->connect();
    std::string sql = "CREATE TABLE tenants (name text)";
    for (int i = 1; i <= count; ++i) sql += "; CREATE SCHEMA " + schema_name(i);
    session->execute({sql, "test", 1, nullptr});
    return database;
  }

  static void run(const forge::testing::TestDatabase& database, const std::string& sql) {
    database.connect()->execute({sql, "test", 1, nullptr});
  }

  static std::string in_schema(const std::string& url, int number) {
    return url + (url.find('?') == std::string::npos ? "?" : "&") +
           "search_path=" + schema_name(number);
  }

  ProcessResult forge(const std::vector<std::string>& args) const {
    return project.forge(args, {}, std::chrono::seconds(120));
  }

  // Two forge runs of `args` started together; both must succeed.
  void run_twice_at_once(const std::vector<std::string>& args) const {
    auto one = project.start_forge(args);
    auto two = project.start_forge(args);
    const auto first = one->wait();
    const auto second = two->wait();
    EXPECT_EQ(first.exit_code, 0) << first;
    EXPECT_EQ(second.exit_code, 0) << second;
  }

  Project project;
};

Json report_of(const ProcessResult& result) { return Json::parse(result.out); }

using Databases = std::vector<std::unique_ptr<forge::testing::TestDatabase>>;

// `count` fresh databases, made a few at a time: each CREATE DATABASE takes a third of a second.
Databases make_databases(const std::string& dialect, int count) {
  Databases databases(static_cast<std::size_t>(count));
  std::vector<std::thread> makers;
  for (int first = 0; first < 5; ++first) {
    makers.emplace_back([&, first] {
      for (int i = first; i < count; i += 5) {
        databases[static_cast<std::size_t>(i)] =
            std::make_unique<forge::testing::TestDatabase>(dialect);
      }
    });
  }
  for (auto& maker : makers) maker.join();
  return databases;
}

// Drops them a few at a time too.
void drop_all(Databases& databases) {
  std::vector<std::thread> droppers;
  for (auto& database : databases) {
    droppers.emplace_back([&database] { database.reset(); });
    if (droppers.size() == 5) {
      for (auto& dropper : droppers) dropper.join();
      droppers.clear();
    }
  }
  for (auto& dropper : droppers) dropper.join();
}

// targets.txt listing `databases`.
void write_targets(const Project& project, const Databases& databases) {
  std::string targets;
  for (const auto& database : databases) targets += database->url() + "\n";
  project.write("targets.txt", targets);
}

const Json* entry_for(const Json& report, const std::string& fragment) {
  for (const auto& entry : report["targets"]) {
    if (entry["target"].get<std::string>().find(fragment) != std::string::npos) return &entry;
  }
  return nullptr;
}

long long count_rows(const forge::testing::TestDatabase& database, const std::string& sql) {
  const core::ResultRows rows = database.connect()->fetch({sql, "test", 1, nullptr});
  return std::stoll(*rows.rows.at(0).at(0));
}

TEST_F(ServerFleet, PostgresDatabasesSchemasAndMariadbDatabasesAreMigratedInOneRun) {
  Databases databases = make_databases("postgres", 50);
  for (auto& database : make_databases("mysql", 20)) databases.push_back(std::move(database));
  std::string targets = "# 50 PostgreSQL databases, 20 MariaDB databases, 50 schemas\n";
  for (const auto& database : databases) targets += database->url() + "\n";
  const auto schemas = schema_database(50);
  for (int i = 1; i <= 50; ++i) targets += in_schema(schemas->url(), i) + "\n";
  project.write("targets.txt", targets);

  const auto result = forge({"db:migrate", "--targets", "targets.txt", "--parallel", "8"});
  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("120 database(s): 120 ok, 0 failed, 0 not started"));
  EXPECT_THAT(result.out + result.err, Not(HasSubstr(k_password)));

  const auto status = forge({"db:migrate:status", "--targets", "targets.txt", "--json"});
  ASSERT_EQ(status.exit_code, 0) << status;
  const Json report = report_of(status);
  ASSERT_EQ(report["versions"].size(), 1u) << status.out;
  EXPECT_EQ(report["versions"][0]["latest"], "20240103000000-log-row");
  EXPECT_EQ(report["versions"][0]["databases"], 120);
  EXPECT_EQ(report["versions"][0]["pending"], 0);
  // Each schema has its own tables and history, none in public.
  EXPECT_EQ(count_rows(*schemas,
                       "SELECT count(*) FROM pg_tables WHERE tablename = 'log' AND "
                       "schemaname LIKE 'tenant\\_%'"),
            50);
  EXPECT_EQ(count_rows(*schemas,
                       "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
                       "AND tablename <> 'tenants'"),
            0);
  EXPECT_EQ(count_rows(*databases[0], "SELECT count(*) FROM log"), 1);
  EXPECT_EQ(count_rows(*databases[60], "SELECT count(*) FROM log"), 1);
  drop_all(databases);
}

TEST_F(ServerFleet, SchemaTenantsFromAQueryOneFailingMidWayThenOnlyFailedFinishesIt) {
  const auto schemas = schema_database(50);
  run(*schemas, "CREATE TABLE " + schema_name(7) + ".marker (id integer)");
  const std::vector<std::string> fleet = {"--url",         schemas->url(),        "--targets-query",
                                          k_tenants_query, "--continue-on-error", "--json"};
  std::vector<std::string> args = {"db:migrate"};
  args.insert(args.end(), fleet.begin(), fleet.end());
  const auto first = forge(args);
  EXPECT_EQ(first.exit_code, 1) << first;
  EXPECT_THAT(first.out + first.err, Not(HasSubstr(k_password)));
  const Json report = report_of(first);
  EXPECT_EQ(report["summary"]["ok"], 49);
  const Json* failed = entry_for(report, "search_path=" + schema_name(7));
  ASSERT_NE(failed, nullptr) << first.out;
  EXPECT_EQ((*failed)["status"], "failed");
  EXPECT_EQ((*failed)["result"]["failedUnit"], "20240103000000-log-row");
  EXPECT_EQ((*failed)["result"]["units"].size(), 2u);
  EXPECT_THAT(first.err, HasSubstr("1 of 50 database(s) failed"));

  project.write("report.json", first.out);
  run(*schemas, "DROP TABLE " + schema_name(7) + ".marker");
  args.insert(args.end(), {"--only-failed", "report.json"});
  const auto rerun = forge(args);
  ASSERT_EQ(rerun.exit_code, 0) << rerun;
  EXPECT_EQ(report_of(rerun)["summary"]["databases"], 1);
  EXPECT_EQ(count_rows(*schemas, "SELECT count(*) FROM " + schema_name(7) + ".log"), 1);
  EXPECT_EQ(count_rows(*schemas, "SELECT count(*) FROM " + schema_name(8) + ".log"), 1);
}

TEST_F(ServerFleet, TwoFleetRunsAtOnceOnTheSchemasOfOneDatabaseApplyEveryUnitOnce) {
  const auto schemas = schema_database(30);
  const std::vector<std::string> args = {
      "db:migrate", "--url", schemas->url(), "--targets-query", k_tenants_query, "--parallel", "6"};
  run_twice_at_once(args);
  for (int i = 1; i <= 30; ++i) {
    ASSERT_EQ(count_rows(*schemas, "SELECT count(*) FROM " + schema_name(i) + ".log"), 1) << i;
  }
}

TEST_F(ServerFleet, DatabasesOfBothServersOneFailingEachThenOnlyFailedFinishesThem) {
  Databases databases = make_databases("postgres", 4);
  for (auto& database : make_databases("mysql", 4)) databases.push_back(std::move(database));
  write_targets(project, databases);
  run(*databases[2], "CREATE TABLE marker (id integer)");
  run(*databases[5], "CREATE TABLE marker (id integer)");
  const auto first =
      forge({"db:migrate", "--targets", "targets.txt", "--continue-on-error", "--json"});
  EXPECT_EQ(first.exit_code, 1) << first;
  const Json report = report_of(first);
  EXPECT_EQ(report["summary"]["ok"], 6);
  for (const std::size_t broken : {2U, 5U}) {
    EXPECT_EQ(report["targets"][broken]["status"], "failed") << first.out;
    EXPECT_EQ(report["targets"][broken]["result"]["failedUnit"], "20240103000000-log-row");
  }
  EXPECT_THAT(first.err, HasSubstr("2 of 8 database(s) failed"));

  project.write("report.json", first.out);
  run(*databases[2], "DROP TABLE marker");
  run(*databases[5], "DROP TABLE marker");
  const auto rerun =
      forge({"db:migrate", "--targets", "targets.txt", "--only-failed", "report.json"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun;
  EXPECT_THAT(rerun.out, HasSubstr("2 database(s): 2 ok, 0 failed, 0 not started"));
  for (const auto& database : databases)
    EXPECT_EQ(count_rows(*database, "SELECT count(*) FROM log"), 1);
  drop_all(databases);
}

TEST_F(ServerFleet, TwoFleetRunsAtOnceOnMariadbDatabasesApplyEveryUnitOnce) {
  Databases databases = make_databases("mysql", 6);
  write_targets(project, databases);
  const std::vector<std::string> args = {"db:migrate", "--targets", "targets.txt", "--parallel",
                                         "3"};
  run_twice_at_once(args);
  for (const auto& database : databases)
    EXPECT_EQ(count_rows(*database, "SELECT count(*) FROM log"), 1);
  drop_all(databases);
}

// The canary is the query's first two schemas; the first fails, so no other schema is touched.
TEST_F(ServerFleet, AFailingCanaryStopsTheRolloutOverSchemas) {
  const auto schemas = schema_database(10);
  run(*schemas, "CREATE TABLE " + schema_name(1) + ".marker (id integer)");
  const auto result =
      forge({"db:migrate", "--url", schemas->url(), "--targets-query", k_tenants_query, "--canary",
             "2", "--parallel", "2", "--continue-on-error", "--json"});
  EXPECT_EQ(result.exit_code, 1) << result;
  const Json report = report_of(result);
  EXPECT_THAT(report["stoppedBecause"].get<std::string>(), HasSubstr("canary"));
  EXPECT_EQ(report["summary"]["ok"], 1);
  EXPECT_EQ(report["summary"]["failed"], 1);
  EXPECT_EQ(report["summary"]["notStarted"], 8);
  EXPECT_EQ(count_rows(*schemas, "SELECT count(*) FROM " + schema_name(2) + ".log"), 1);
  EXPECT_EQ(count_rows(*schemas,
                       "SELECT count(*) FROM pg_tables WHERE tablename = 'log' AND "
                       "schemaname LIKE 'tenant\\_%'"),
            2);  // the failed canary's first units and the healthy one's; none beyond
}

TEST_F(ServerFleet, MariadbFleetStopsAfterMaxFailuresAndNamesTheFailures) {
  Databases databases = make_databases("mysql", 8);
  write_targets(project, databases);
  run(*databases[1], "CREATE TABLE marker (id integer)");
  run(*databases[3], "CREATE TABLE marker (id integer)");
  const auto result = forge({"db:migrate", "--targets", "targets.txt", "--parallel", "1",
                             "--max-failures", "2", "--json"});
  EXPECT_EQ(result.exit_code, 1) << result;
  const Json report = report_of(result);
  EXPECT_EQ(report["summary"]["ok"], 2);
  EXPECT_EQ(report["summary"]["failed"], 2);
  EXPECT_EQ(report["summary"]["notStarted"], 4);
  EXPECT_EQ(report["targets"][1]["status"], "failed");
  EXPECT_EQ(report["targets"][3]["status"], "failed");
  EXPECT_EQ(report["targets"][4]["status"], "notStarted");
  EXPECT_EQ(report["targets"][3]["result"]["failedUnit"], "20240103000000-log-row");
  EXPECT_THAT(result.out + result.err, Not(HasSubstr(k_password)));
}

}  // namespace
}  // namespace forge::e2e
