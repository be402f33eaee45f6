#include "core/statement_kind.hpp"

#include <gtest/gtest.h>

namespace forge::core {
namespace {

bool controls(const std::string& text) {
  return is_transaction_control(Statement{text, "f.sql", 1});
}

TEST(IsSessionSetting, TakesSettingsOfTheSessionOnly) {
  for (const char* sql : {"SET search_path TO app", "set names utf8mb4", "USE shop",
                          "SET FOREIGN_KEY_CHECKS = 0", "SET SESSION sql_mode = ''"}) {
    EXPECT_TRUE(is_session_setting(Statement{sql, "f", 1, nullptr})) << sql;
  }
  for (const char* sql : {"SET GLOBAL read_only = 1", "SET LOCAL lock_timeout = '1s'",
                          "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", "UPDATE t SET x = 1",
                          "SET CONSTRAINTS ALL DEFERRED"}) {
    EXPECT_FALSE(is_session_setting(Statement{sql, "f", 1, nullptr})) << sql;
  }
}

TEST(IsLiteralInsert, TakesInsertsOfRowsWrittenOutOnly) {
  for (const char* sql :
       {"INSERT INTO t VALUES (1, 'a')", "  insert into t (a, b) values (1, 2), (3, 4)",
        "REPLACE INTO t VALUES (1)", "INSERT INTO t SET a = 1",
        "INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE a = 2",
        "INSERT INTO selected VALUES ('preselect')"}) {
    EXPECT_TRUE(is_literal_insert(Statement{sql, "f", 1, nullptr})) << sql;
  }
  for (const char* sql :
       {"INSERT INTO t SELECT * FROM u", "insert into t (a) (Select 1)",
        "INSERT INTO t WITH x AS (SELECT 1) SELECT * FROM x", "UPDATE t SET a = 1", "DELETE FROM t",
        "CREATE TABLE inserts (x INT)", "SELECT 1", "INSERTED", "INSERT INTO t VALUES ('select')",
        "/* x */ INSERT INTO t VALUES (1)"}) {
    EXPECT_FALSE(is_literal_insert(Statement{sql, "f", 1, nullptr})) << sql;
  }
}

TEST(IsTransactionControl, DetectsTransactionStatements) {
  for (const char* text :
       {"BEGIN", "begin transaction", "BEGIN IMMEDIATE", "BEGIN WORK", "COMMIT", "commit work",
        "START TRANSACTION", "ROLLBACK", "END", "end transaction", "  \n BEGIN"}) {
    EXPECT_TRUE(controls(text)) << text;
  }
}

TEST(IsTransactionControl, DoesNotTakeBeginAtomicForATransaction) {
  EXPECT_FALSE(controls("BEGIN ATOMIC SELECT 1; END"));
}

TEST(IsTransactionControl, DoesNotTakeADoBlockForATransaction) {
  EXPECT_FALSE(controls("DO $$ BEGIN PERFORM 1; END $$"));
}

TEST(IsTransactionControl, IgnoresOrdinaryStatements) {
  EXPECT_FALSE(controls("CREATE TABLE t (id INT)"));
  EXPECT_FALSE(controls("START SLAVE"));
  EXPECT_FALSE(controls("INSERT INTO t VALUES ('BEGIN')"));
  EXPECT_FALSE(controls("beginning_of_time()"));
}

TEST(ManagesOwnTransaction, IsTrueWhenAnyStatementControlsTheTransaction) {
  const std::vector<Statement> own{
      {"BEGIN", "f.sql", 1}, {"CREATE TABLE t (x)", "f.sql", 2}, {"COMMIT", "f.sql", 3}};
  const std::vector<Statement> plain{{"CREATE TABLE t (x)", "f.sql", 1}};
  EXPECT_TRUE(manages_own_transaction(own));
  EXPECT_FALSE(manages_own_transaction(plain));
  EXPECT_FALSE(manages_own_transaction({}));
}

bool refuses(const std::string& text, Dialect dialect) {
  return refuses_transaction(Statement{text, "f.sql", 1}, dialect);
}

TEST(RefusesTransaction, KnowsPostgresStatementsThatCannotRunInATransaction) {
  for (const char* text :
       {"CREATE INDEX CONCURRENTLY i ON t (x)", "create unique index concurrently i on t (x)",
        "DROP INDEX CONCURRENTLY i", "REINDEX INDEX CONCURRENTLY i", "VACUUM t",
        "CREATE DATABASE shop", "DROP DATABASE shop", "CREATE TABLESPACE s LOCATION '/x'",
        "ALTER SYSTEM SET work_mem = '64MB'"}) {
    EXPECT_TRUE(refuses(text, Dialect::postgres)) << text;
  }
}

TEST(RefusesTransaction, AcceptsOrdinaryPostgresStatements) {
  for (const char* text :
       {"CREATE INDEX i ON t (x)", "DROP INDEX i", "REINDEX INDEX i",
        "CREATE TABLE concurrently_seen (x int)", "ALTER TABLE t ADD COLUMN y int"}) {
    EXPECT_FALSE(refuses(text, Dialect::postgres)) << text;
  }
}

TEST(RefusesTransaction, KnowsSqliteVacuumOnly) {
  EXPECT_TRUE(refuses("VACUUM", Dialect::sqlite));
  EXPECT_FALSE(refuses("CREATE DATABASE x", Dialect::sqlite));
  EXPECT_FALSE(refuses("CREATE INDEX CONCURRENTLY i ON t (x)", Dialect::sqlite));
}

TEST(RefusesTransaction, NeverAppliesToMysql) {
  EXPECT_FALSE(refuses("CREATE DATABASE shop", Dialect::mysql));
}

TEST(FirstRefusingTransaction, FindsTheFirstSuchStatement) {
  const std::vector<Statement> statements{{"CREATE TABLE t (x int)", "f.sql", 1},
                                          {"CREATE INDEX CONCURRENTLY i ON t (x)", "f.sql", 2},
                                          {"VACUUM", "f.sql", 3}};
  const Statement* found = first_refusing_transaction(statements, Dialect::postgres);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->line, 2);
  EXPECT_EQ(first_refusing_transaction({statements[0]}, Dialect::postgres), nullptr);
}

}  // namespace
}  // namespace forge::core
