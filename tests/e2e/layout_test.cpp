// Migration sets written for other tools: golang-migrate pairs, dbmate markers, pop/popx
// dialect variants, and how versions are ordered.
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class Layout : public ForgeTest {
 protected:
  std::vector<std::string> status_lines() const {
    return lines_of(forge_db({"db:migrate:status"}).out);
  }
};

TEST_F(Layout, GolangMigratePairedFilesMigrateAndUndo) {
  project.write("migrations/1_create_users.up.sql", create_table("users"));
  project.write("migrations/1_create_users.down.sql", "DROP TABLE users;");

  const auto up = forge_db({"db:migrate"});
  ASSERT_EQ(up.exit_code, 0) << up;
  EXPECT_TRUE(db().has_table("users"));
  EXPECT_THAT(db().applied(), ElementsAre("1_create_users"));

  const auto down = forge_db({"db:migrate:undo"});
  ASSERT_EQ(down.exit_code, 0) << down;
  EXPECT_FALSE(db().has_table("users"));
  EXPECT_THAT(db().applied(), IsEmpty());
}

TEST_F(Layout, DbmateMarkersAreReadLikeForgeMarkers) {
  project.write(
      "migrations/20240101000001_create_users.sql",
      "-- migrate:up\n" + create_table("users") + "\n\n-- migrate:down\nDROP TABLE users;\n");

  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  EXPECT_TRUE(db().has_table("users"));
  EXPECT_THAT(db().applied(), ElementsAre("20240101000001_create_users"));
  ASSERT_EQ(forge_db({"db:migrate:undo"}).exit_code, 0);
  EXPECT_FALSE(db().has_table("users"));
}

TEST_F(Layout, TheSqliteVariantIsChosenOverTheNeutralFile) {
  project.write("migrations/1_items.up.sql", create_table("neutral_items"));
  project.write("migrations/1_items.sqlite.up.sql", create_table("variant_items"));

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(db().has_table("variant_items"));
  EXPECT_FALSE(db().has_table("neutral_items"));
  EXPECT_THAT(db().applied(), ElementsAre("1_items"));
}

TEST_F(Layout, EachDirectionFallsBackToTheNeutralFileOnItsOwn) {
  project.write("migrations/1_items.sqlite.up.sql", create_table("variant_items"));
  project.write("migrations/1_items.down.sql", "DROP TABLE variant_items;");
  project.write("migrations/1_items.postgres.down.sql", "DROP TABLE items CASCADE;");

  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  const auto result = forge_db({"db:migrate:undo"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_FALSE(db().has_table("variant_items"));
}

TEST_F(Layout, VariantsForOtherDialectsAreIgnored) {
  project.write("migrations/1_items.up.sql", create_table("items"));
  project.write("migrations/1_items.postgres.up.sql",
                "CREATE TABLE items (id SERIAL PRIMARY KEY) WITH (fillfactor = 70);");
  project.write("migrations/1_items.mysql.up.sql", "CREATE TABLE items (id INT) ENGINE=InnoDB;");
  project.write("migrations/1_items.cockroach.up.sql", "CREATE TABLE items (id UUID);");

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(db().has_table("items"));
  EXPECT_THAT(db().applied(), ElementsAre("1_items"));
}

TEST_F(Layout, AUnitOnlyForOtherDialectsIsNotInThePlan) {
  project.write("migrations/1_base.up.sql", create_table("base"));
  project.write("migrations/2_pg_extension.postgres.up.sql", "CREATE EXTENSION pgcrypto;");
  project.write("migrations/3_crdb_only.cockroach.up.sql", "SET CLUSTER SETTING x = 1;");

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, Not(HasSubstr("pg_extension"))) << result;
  EXPECT_THAT(db().applied(), ElementsAre("1_base"));
  EXPECT_THAT(status_lines(), ElementsAre("up 1_base"));
}

TEST_F(Layout, Sqlite3IsAcceptedAsTheSqliteDialectTag) {
  project.write("migrations/1_items.up.sql", create_table("neutral_items"));
  project.write("migrations/1_items.sqlite3.up.sql", create_table("variant3_items"));

  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  EXPECT_TRUE(db().has_table("variant3_items"));
  EXPECT_FALSE(db().has_table("neutral_items"));
}

TEST_F(Layout, ASingleFileVariantNamedForSqliteIsUsed) {
  project.write("migrations/20240101000001-items.sql", unit_sql(create_table("neutral_items"), ""));
  project.write("migrations/20240101000001-items.sqlite.sql",
                unit_sql(create_table("variant_items"), "DROP TABLE variant_items;"));

  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  EXPECT_TRUE(db().has_table("variant_items"));
  EXPECT_THAT(db().applied(), ElementsAre("20240101000001-items"));
}

TEST_F(Layout, VersionTwoRunsBeforeVersionTen) {
  project.write("migrations/10_third.up.sql", create_table("third"));
  project.write("migrations/2_second.up.sql", create_table("second"));
  project.write("migrations/1_first.up.sql", create_table("first"));

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_LT(position(result.out, "2_second: migrating"),
            position(result.out, "10_third: migrating"))
      << result;
  EXPECT_LT(position(result.out, "1_first: migrating"), position(result.out, "2_second: migrating"))
      << result;
  EXPECT_THAT(status_lines(), ElementsAre("up 1_first", "up 2_second", "up 10_third"));
}

TEST_F(Layout, TwentyDigitVersionsAreOrderedAsNumbersWithoutOverflow) {
  // 2^64 - 1, 2^64, and a version beyond both; and a short one that must come first.
  project.write("migrations/99999999999999999999_z.up.sql", create_table("z"));
  project.write("migrations/18446744073709551616_y.up.sql", create_table("y"));
  project.write("migrations/18446744073709551615_x.up.sql", create_table("x"));
  project.write("migrations/20240101000001_w.up.sql", create_table("w"));

  const auto result = forge_db({"db:migrate", "--to", "18446744073709551616"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(status_lines(),
              ElementsAre("up 20240101000001_w", "up 18446744073709551615_x",
                          "up 18446744073709551616_y", "down 99999999999999999999_z"));
}

TEST_F(Layout, FilesThatAreNotUnitsAreIgnored) {
  project.write("migrations/1_real.up.sql", create_table("real_table"));
  project.write("migrations/README.md", "# notes\n");
  project.write("migrations/schema.sql", "CREATE TABLE never (id INTEGER);");

  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  EXPECT_THAT(db().applied(), ElementsAre("1_real"));
  EXPECT_FALSE(db().has_table("never"));
}

// ---- Flyway: V<version>__<description>.sql, U<version>__... its undo, dotted versions ----

TEST_F(Layout, FlywayVersionedFilesRunInVersionOrderWithoutMarkers) {
  project.write("migrations/V1__create_users.sql", create_table("users"));
  project.write("migrations/V1_10__create_codes.sql", create_table("codes"));
  project.write("migrations/V1_9__create_orders.sql",
                create_table("orders") + "\nINSERT INTO orders (id) VALUES (1);\n");
  project.write("migrations/V2__seed_users.sql", "INSERT INTO users (id) VALUES (7);");

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(
      lines_of(result.out),
      ::testing::IsSupersetOf(
          {"== V1__create_users: migrating =======", "== V1_9__create_orders: migrating =======",
           "== V1_10__create_codes: migrating =======", "== V2__seed_users: migrating ======="}));
  EXPECT_LT(result.out.find("V1_9__"), result.out.find("V1_10__")) << "1.9 comes before 1.10";
  EXPECT_THAT(status_lines(), ElementsAre("up V1__create_users", "up V1_9__create_orders",
                                          "up V1_10__create_codes", "up V2__seed_users"));
  EXPECT_EQ(db().count("orders"), 1);
}

TEST_F(Layout, FlywayUndoFileRevertsItsVersionAndAVersionWithoutOneCannotBeUndone) {
  project.write("migrations/V1__create_users.sql", create_table("users"));
  project.write("migrations/V2__create_orders.sql", create_table("orders"));
  project.write("migrations/U2__create_orders.sql", "DROP TABLE orders;");
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto undone = forge_db({"db:migrate:undo"});
  ASSERT_EQ(undone.exit_code, 0) << undone;
  EXPECT_FALSE(db().has_table("orders"));

  const auto refused = forge_db({"db:migrate:undo"});
  EXPECT_EQ(refused.exit_code, 2) << refused;
  EXPECT_THAT(refused.err, HasSubstr("V1__create_users")) << refused;
  EXPECT_TRUE(db().has_table("users"));
}

TEST_F(Layout, FlywayRepeatableFilesAreSkippedWithAWarning) {
  project.write("migrations/V1__create_users.sql", create_table("users"));
  project.write("migrations/R__users_view.sql", "CREATE VIEW all_users AS SELECT * FROM users;");

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, HasSubstr("R__users_view.sql: Flyway repeatable migrations (R__) are "
                                    "not supported; skipped"))
      << result;
  EXPECT_FALSE(db().has_table("all_users"));
}

TEST_F(Layout, FlywaySameVersionTwiceIsALoadError) {
  project.write("migrations/V1__create_users.sql", create_table("users"));
  project.write("migrations/V1_0__create_orders.sql", create_table("orders"));

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("has version 1")) << result;
  EXPECT_FALSE(project.exists("db/dev.sqlite3")) << "refused before opening the database";
}

// ---- goose: -- +goose Up / Down, StatementBegin / StatementEnd, NO TRANSACTION ----

TEST_F(Layout, GooseAnnotatedFilesMigrateAndUndoWithTheirStatementBlocksWhole) {
  project.write("migrations/00001_create_users.sql",
                "-- +goose Up\n"
                "-- +goose StatementBegin\n" +
                    create_table("users") +
                    "\n-- +goose StatementEnd\n"
                    "CREATE TABLE audit (note TEXT);\n"
                    "-- +goose StatementBegin\n"
                    "CREATE TRIGGER users_audit AFTER INSERT ON users BEGIN\n"
                    "  INSERT INTO audit (note) VALUES ('added; by trigger');\n"
                    "END;\n"
                    "-- +goose StatementEnd\n"
                    "\n"
                    "-- +goose Down\n"
                    "DROP TRIGGER users_audit;\n"
                    "DROP TABLE audit;\n"
                    "DROP TABLE users;\n");
  project.write("migrations/00002_add_user.sql",
                "-- +goose NO TRANSACTION\n-- +goose Up\nINSERT INTO users (id) VALUES (1);\n"
                "-- +goose Down\nDELETE FROM users;\n");

  const auto up = forge_db({"db:migrate"});

  ASSERT_EQ(up.exit_code, 0) << up;
  EXPECT_THAT(db().applied(), ElementsAre("00001_create_users", "00002_add_user"));
  EXPECT_EQ(db().count("audit"), 1) << "the trigger ran: its body was not split at the ';'";
  const auto all_down = forge_db({"db:migrate:undo:all"});
  ASSERT_EQ(all_down.exit_code, 0) << all_down;
  EXPECT_FALSE(db().has_table("users"));
  EXPECT_FALSE(db().has_table("audit"));
}

TEST_F(Layout, GooseNoTransactionRunsTheUnitWithoutForgesTransaction) {
  project.write("migrations/00001_half_done.sql",
                "-- +goose NO TRANSACTION\n-- +goose Up\n" + create_table("users") +
                    "\nINSERT INTO no_such_table VALUES (1);\n-- +goose Down\nDROP TABLE users;\n");

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_TRUE(db().has_table("users")) << "outside a transaction the first statement stays";
  EXPECT_THAT(status_lines(), ElementsAre(::testing::StartsWith("failed 00001_half_done")));
}

TEST_F(Layout, AnUnclosedGooseStatementBlockIsALoadErrorNamingItsLine) {
  project.write("migrations/00001_create_users.sql", "-- +goose Up\n" + create_table("users") +
                                                         "\n-- +goose StatementBegin\nSELECT 1;\n");

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("00001_create_users.sql:3: -- +goose StatementBegin without "
                                    "a StatementEnd"))
      << result;
  EXPECT_FALSE(project.exists("db/dev.sqlite3"));
}

// ---- sequelize-cli's JavaScript migrations ----

TEST_F(Layout, TypeScriptMigrationsAreSkippedWithAWarningAndAUnitStandsInForItsJavaScriptTwin) {
  project.write("migrations/20240101000001-create-users.ts", "export default {};");
  project.write("migrations/20240101000002-create-orders.js", "module.exports = {};");
  project.write("migrations/20240101000002-create-orders.sql",
                unit_sql(create_table("orders"), "DROP TABLE orders;"));

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, HasSubstr("1 TypeScript migration(s) in migrations (such as "
                                    "20240101000001-create-users.ts) are skipped"))
      << result;
  // Recorded under the JavaScript twin's name, as sequelize-cli would: it sees the unit applied.
  EXPECT_THAT(db().applied(), ElementsAre("20240101000002-create-orders.js"));
  EXPECT_THAT(status_lines(), ElementsAre("up 20240101000002-create-orders.js"));
  ASSERT_EQ(forge_db({"db:migrate:undo"}).exit_code, 0);
  EXPECT_THAT(db().applied(), IsEmpty());
}

}  // namespace
}  // namespace forge::e2e
