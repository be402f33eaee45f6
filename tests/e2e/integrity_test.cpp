// The files and the history must agree (README, "Integrity"): changed units are refused,
// missing files and out-of-order units warn (or, with --strict, refuse); status --fail-on-pending
// as a CI gate; --json on migrate and undo; db:migrate:baseline for a schema that exists.
#include <nlohmann/json.hpp>

#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// stdout parsed as JSON; a parse failure fails the test.
json parsed(const ProcessResult& result) {
  try {
    return json::parse(result.out);
  } catch (const json::exception& error) {
    ADD_FAILURE() << "stdout is not JSON: " << error.what() << result;
    return json::object();
  }
}

std::vector<std::string> unit_names(const json& units) {
  std::vector<std::string> names;
  for (const auto& unit : units) names.push_back(unit.value("name", "?"));
  return names;
}

class Integrity : public ForgeTest {
 protected:
  void SetUp() override {
    a = add_table_unit("20240101000001", "create-a", "a");
    b = add_table_unit("20240101000002", "create-b", "b");
    c = add_table_unit("20240101000003", "create-c", "c");
  }
  // Applies a and b; c stays pending.
  void apply_a_and_b() { ASSERT_EQ(forge_db({"db:migrate", "--to", b}).exit_code, 0); }
  // Changes the text of a's up section (a comment counts: the checksum covers the text).
  void change_a() {
    project.write("migrations/" + a + ".sql",
                  unit_sql(create_table("a") + "\n-- an afterthought", "DROP TABLE a;"));
  }
  std::string checksum_of(const std::string& name) {
    return db().scalar("SELECT checksum FROM ForgeMeta WHERE name = '" + name + "'");
  }
  std::string a, b, c;
};

// --- an applied unit whose file changed ----------------------------------------------------

TEST_F(Integrity, StatusMarksAChangedUnit) {
  apply_a_and_b();
  change_a();

  const auto result = forge_db({"db:migrate:status"});

  ASSERT_EQ(result.exit_code, 0) << result;
  const auto lines = lines_of(result.out);
  ASSERT_EQ(lines.size(), 3u) << result;
  EXPECT_THAT(lines[0], HasSubstr("up " + a + " (changed")) << result;
  EXPECT_EQ(lines[1], "up " + b) << result;
  EXPECT_EQ(lines[2], "down " + c) << result;
}

TEST_F(Integrity, StatusJsonSaysWhichUnitChanged) {
  apply_a_and_b();
  change_a();

  const json document = parsed(forge_db({"db:migrate:status", "--json"}));

  ASSERT_EQ(document["migrations"].size(), 3u);
  EXPECT_EQ(document["migrations"][0]["changed"], true);
  EXPECT_EQ(document["migrations"][1]["changed"], false);
  EXPECT_EQ(document["migrations"][2]["changed"], false);
  EXPECT_EQ(document["summary"]["changed"], 1);
}

TEST_F(Integrity, MigrateRefusesAChangedUnitWithExitFiveAndRunsNothing) {
  apply_a_and_b();
  change_a();

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 5) << result;
  EXPECT_THAT(result.err, HasSubstr(a)) << result;
  EXPECT_THAT(result.err, HasSubstr("--accept-checksum")) << result;
  EXPECT_THAT(result.out, Not(HasSubstr("migrated"))) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a, b));
  EXPECT_FALSE(db().has_table("c"));
}

TEST_F(Integrity, AcceptingTheNewChecksumLetsMigrateProceed) {
  apply_a_and_b();
  const std::string old_checksum = checksum_of(a);
  change_a();

  const auto resolved = forge_db({"db:migrate:resolve", a, "--accept-checksum"});

  ASSERT_EQ(resolved.exit_code, 0) << resolved;
  EXPECT_NE(checksum_of(a), old_checksum);
  EXPECT_THAT(forge_db({"db:migrate:status"}).out, Not(HasSubstr("changed")));
  const auto migrated = forge_db({"db:migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << migrated;
  EXPECT_THAT(db().applied(), ElementsAre(a, b, c));
  EXPECT_TRUE(db().has_table("c"));
}

TEST_F(Integrity, RestoringTheChangedFileLetsMigrateProceed) {
  apply_a_and_b();
  const std::string original = project.read("migrations/" + a + ".sql");
  change_a();
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 5);

  project.write("migrations/" + a + ".sql", original);

  const auto migrated = forge_db({"db:migrate"});
  EXPECT_EQ(migrated.exit_code, 0) << migrated;
  EXPECT_THAT(db().applied(), ElementsAre(a, b, c));
}

// --- an applied unit whose file is gone ---------------------------------------------------

class MissingFileIntegrity : public Integrity {
 protected:
  void SetUp() override {
    Integrity::SetUp();
    apply_a_and_b();
    project.remove("migrations/" + b + ".sql");
  }
};

TEST_F(MissingFileIntegrity, MigrateWarnsNamingItAndAppliesTheRest) {
  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, HasSubstr("warning:")) << result;
  EXPECT_THAT(result.err, HasSubstr(b)) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a, b, c));
}

TEST_F(MissingFileIntegrity, StrictRefusesWithExitFiveAndAppliesNothing) {
  const auto result = forge_db({"db:migrate", "--strict"});

  EXPECT_EQ(result.exit_code, 5) << result;
  EXPECT_THAT(result.err, HasSubstr(b)) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a, b));
  EXPECT_FALSE(db().has_table("c"));
}

TEST_F(MissingFileIntegrity, ForgeStrictInTheEnvironmentRefusesToo) {
  const auto result = forge_db({"db:migrate"}, {{"FORGE_STRICT", "1"}});

  EXPECT_EQ(result.exit_code, 5) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a, b));
}

TEST_F(MissingFileIntegrity, StrictTrueInTheConfigsEnvironmentRefusesToo) {
  project.write("forge.json", "{\"development\": {\"url\": \"" + k_url +
                                  "\", \"strict\": true},\n"
                                  " \"test\": {\"url\": \"" +
                                  k_url + "\"}}");

  const auto strict = project.forge({"db:migrate"});
  EXPECT_EQ(strict.exit_code, 5) << strict;
  EXPECT_THAT(db().applied(), ElementsAre(a, b));

  const auto lenient = project.forge({"db:migrate", "--env", "test"});
  EXPECT_EQ(lenient.exit_code, 0) << lenient;
  EXPECT_THAT(db().applied(), ElementsAre(a, b, c));
}

// --- a pending unit older than the newest applied one -------------------------------------

class OutOfOrder : public ForgeTest {
 protected:
  void SetUp() override {
    a = add_table_unit("20240101000001", "create-a", "a");
    c = add_table_unit("20240101000003", "create-c", "c");
    ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
    // A feature branch merged after c ran; d comes after everything.
    b = add_table_unit("20240101000002", "create-b", "b");
    d = add_table_unit("20240101000004", "create-d", "d");
  }
  std::string a, b, c, d;
};

TEST_F(OutOfOrder, MigrateAppliesItWithAWarningNamingIt) {
  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, HasSubstr("warning:")) << result;
  EXPECT_THAT(result.err, HasSubstr(b)) << result;
  EXPECT_THAT(result.err, Not(HasSubstr(d))) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a, b, c, d));
  EXPECT_TRUE(db().has_table("b"));
}

TEST_F(OutOfOrder, StrictRefusesWithExitFiveAndAppliesNothing) {
  const auto result = forge_db({"db:migrate", "--strict"});

  EXPECT_EQ(result.exit_code, 5) << result;
  EXPECT_THAT(result.err, HasSubstr(b)) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a, c));
  EXPECT_FALSE(db().has_table("b") || db().has_table("d"));
}

// --- status --fail-on-pending -------------------------------------------------------------

TEST_F(Integrity, FailOnPendingExitsSixWhileUnitsArePending) {
  apply_a_and_b();

  const auto result = forge_db({"db:migrate:status", "--fail-on-pending"});

  EXPECT_EQ(result.exit_code, 6) << result;
  EXPECT_THAT(lines_of(result.out), ElementsAre("up " + a, "up " + b, "down " + c)) << result;
  EXPECT_THAT(result.err, HasSubstr(c)) << result;
}

TEST_F(Integrity, FailOnPendingExitsZeroWhenEveryUnitIsApplied) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto result = forge_db({"db:migrate:status", "--fail-on-pending"});

  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(forge_db({"db:migrate:status"}).exit_code, 0);
}

TEST_F(Integrity, FailOnPendingExitsSixForAUnitThatFailedPartWay) {
  project.remove("migrations/" + c + ".sql");
  const std::string broken = "20240101000003-half-done";
  project.write("migrations/" + broken + ".sql",
                "-- forge:up transaction:false\n"
                "CREATE TABLE half (id INTEGER PRIMARY KEY);\n"
                "INSERT INTO no_such_table (id) VALUES (1);\n");
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 1);
  ASSERT_EQ(db().scalar("SELECT state FROM ForgeMeta WHERE name = '" + broken + "'"), "failed");

  const auto result = forge_db({"db:migrate:status", "--fail-on-pending"});

  EXPECT_EQ(result.exit_code, 6) << result;
  EXPECT_THAT(result.out, HasSubstr("failed " + broken)) << result;
}

TEST_F(Integrity, WithoutTheFlagStatusExitsZeroWhileUnitsArePending) {
  const auto result = forge_db({"db:migrate:status"});

  EXPECT_EQ(result.exit_code, 0) << result;
}

// --- --json on migrate, undo and undo:all -------------------------------------------------

TEST_F(Integrity, MigrateJsonListsTheUnitsThatRan) {
  const auto result = forge_db({"db:migrate", "--json"});

  ASSERT_EQ(result.exit_code, 0) << result;
  const json document = parsed(result);
  EXPECT_EQ(document["formatVersion"], 1);
  EXPECT_EQ(document["command"], "db:migrate");
  EXPECT_EQ(document["dryRun"], false);
  EXPECT_EQ(document["ok"], true);
  EXPECT_EQ(document["database"], k_url);
  EXPECT_EQ(document["environment"], "development");
  EXPECT_EQ(document["historyTable"], "ForgeMeta");
  EXPECT_THAT(unit_names(document["units"]), ElementsAre(a, b, c));
  const json& first = document["units"][0];
  EXPECT_EQ(first["version"], "20240101000001");
  EXPECT_EQ(first["direction"], "up");
  EXPECT_EQ(first["file"], "migrations/" + a + ".sql");
  EXPECT_TRUE(first["durationMs"].is_number_integer()) << first;
  EXPECT_EQ(document["warnings"], json::array());
  EXPECT_FALSE(document.contains("error"));
  EXPECT_FALSE(document.contains("failedUnit"));
}

TEST_F(Integrity, MigrateJsonWithNothingToDoListsNoUnits) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto result = forge_db({"db:migrate", "--json"});

  ASSERT_EQ(result.exit_code, 0) << result;
  const json document = parsed(result);
  EXPECT_EQ(document["ok"], true);
  EXPECT_EQ(document["units"], json::array());
}

TEST_F(Integrity, MigrateJsonCarriesTheWarnings) {
  apply_a_and_b();
  project.remove("migrations/" + b + ".sql");

  const json document = parsed(forge_db({"db:migrate", "--json"}));

  ASSERT_EQ(document["warnings"].size(), 1u) << document;
  EXPECT_THAT(document["warnings"][0].get<std::string>(), HasSubstr(b));
  EXPECT_THAT(unit_names(document["units"]), ElementsAre(c));
}

TEST_F(Integrity, UndoJsonListsTheRevertedUnit) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto result = forge_db({"db:migrate:undo", "--json"});

  ASSERT_EQ(result.exit_code, 0) << result;
  const json document = parsed(result);
  EXPECT_EQ(document["command"], "db:migrate:undo");
  EXPECT_EQ(document["ok"], true);
  EXPECT_THAT(unit_names(document["units"]), ElementsAre(c));
  EXPECT_EQ(document["units"][0]["direction"], "down");
  EXPECT_THAT(db().applied(), ElementsAre(a, b));
}

TEST_F(Integrity, UndoAllJsonListsEveryRevertedUnitNewestFirst) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto result = forge_db({"db:migrate:undo:all", "--json"});

  ASSERT_EQ(result.exit_code, 0) << result;
  const json document = parsed(result);
  EXPECT_EQ(document["command"], "db:migrate:undo:all");
  EXPECT_EQ(document["ok"], true);
  EXPECT_THAT(unit_names(document["units"]), ElementsAre(c, b, a));
  for (const auto& unit : document["units"]) EXPECT_EQ(unit["direction"], "down") << unit;
  EXPECT_THAT(db().applied(), IsEmpty());
}

TEST_F(Integrity, MigrateJsonOfAFailingUnitNamesItTheFileAndTheLine) {
  project.write("migrations/" + b + ".sql",
                "-- forge:up\n"
                "CREATE TABLE b (id INTEGER PRIMARY KEY);\n"
                "INSERT INTO no_such_table (id) VALUES (1);\n"
                "-- forge:down\n"
                "DROP TABLE b;\n");

  const auto result = forge_db({"db:migrate", "--json"});

  ASSERT_EQ(result.exit_code, 1) << result;
  const json document = parsed(result);
  EXPECT_EQ(document["ok"], false);
  EXPECT_THAT(unit_names(document["units"]), ElementsAre(a));
  EXPECT_EQ(document["failedUnit"], b);
  const json& error = document["error"];
  EXPECT_EQ(error["exitCode"], 1);
  EXPECT_EQ(error["unit"], b);
  EXPECT_EQ(error["file"], "migrations/" + b + ".sql");
  EXPECT_EQ(error["line"], 3);
  EXPECT_THAT(error.value("serverMessage", ""), HasSubstr("no such table: no_such_table"));
  EXPECT_TRUE(error["message"].is_string());
  EXPECT_TRUE(error["hint"].is_string());
  EXPECT_THAT(db().applied(), ElementsAre(a));
}

TEST_F(Integrity, MigrateJsonOfARefusalGivesExitCodeFive) {
  apply_a_and_b();
  change_a();

  const auto result = forge_db({"db:migrate", "--json"});

  ASSERT_EQ(result.exit_code, 5) << result;
  const json document = parsed(result);
  EXPECT_EQ(document["ok"], false);
  EXPECT_EQ(document["error"]["exitCode"], 5);
  EXPECT_THAT(document["error"].value("message", ""), HasSubstr(a));
  EXPECT_EQ(document["units"], json::array());
}

TEST_F(Integrity, DryRunJsonListsEachUnitsStatementsAndChangesNothing) {
  apply_a_and_b();
  const std::string before = db().schema_and_history();

  const auto result = forge_db({"db:migrate", "--dry-run", "--json"});

  ASSERT_EQ(result.exit_code, 0) << result;
  const json document = parsed(result);
  EXPECT_EQ(document["dryRun"], true);
  EXPECT_EQ(document["ok"], true);
  ASSERT_THAT(unit_names(document["units"]), ElementsAre(c));
  const json& statements = document["units"][0]["statements"];
  ASSERT_EQ(statements.size(), 1u) << document;
  EXPECT_EQ(statements[0]["file"], "migrations/" + c + ".sql");
  EXPECT_EQ(statements[0]["line"], 2);
  EXPECT_THAT(statements[0].value("sql", ""), HasSubstr("CREATE TABLE c"));
  EXPECT_EQ(db().schema_and_history(), before);
}

TEST_F(Integrity, UndoDryRunJsonListsTheDownStatements) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const json document = parsed(forge_db({"db:migrate:undo", "--dry-run", "--json"}));

  ASSERT_THAT(unit_names(document["units"]), ElementsAre(c));
  EXPECT_EQ(document["units"][0]["direction"], "down");
  ASSERT_EQ(document["units"][0]["statements"].size(), 1u) << document;
  EXPECT_THAT(document["units"][0]["statements"][0].value("sql", ""), HasSubstr("DROP TABLE c"));
  EXPECT_THAT(db().applied(), ElementsAre(a, b, c));
}

// --- db:migrate:baseline ------------------------------------------------------------------

TEST_F(Integrity, BaselineMarksUnitsUpToOneAsAppliedWithoutRunningThem) {
  const auto result = forge_db({"db:migrate:baseline", "--to", b});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr(a)) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a, b));
  EXPECT_FALSE(db().has_table("a") || db().has_table("b")) << "baseline must run no SQL";
  EXPECT_THAT(lines_of(forge_db({"db:migrate:status"}).out),
              ElementsAre("up " + a, "up " + b, "down " + c));
}

TEST_F(Integrity, AMigrateAfterABaselineAppliesOnlyTheRest) {
  ASSERT_EQ(forge_db({"db:migrate:baseline", "--to", b}).exit_code, 0);

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(occurrences(result.out, ": migrated ("), 1u) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a, b, c));
  EXPECT_TRUE(db().has_table("c"));
  EXPECT_FALSE(db().has_table("a"));
}

TEST_F(Integrity, BaselineRecordsTheUnitsChecksumsSoNothingLooksChanged) {
  ASSERT_EQ(forge_db({"db:migrate:baseline", "--to", b}).exit_code, 0);

  const json document = parsed(forge_db({"db:migrate:status", "--json"}));

  EXPECT_EQ(document["summary"]["changed"], 0);
  EXPECT_EQ(document["migrations"][0]["checksum"], checksum_of(a));
}

TEST_F(Integrity, BaselineToAnUnknownUnitExitsTwoAndMarksNothing) {
  const auto result = forge_db({"db:migrate:baseline", "--to", "20991231000000-no-such-unit"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("20991231000000-no-such-unit")) << result;
  if (project.exists(k_db)) {
    EXPECT_THAT(db().applied(), IsEmpty());
  }
}

}  // namespace
}  // namespace forge::e2e
