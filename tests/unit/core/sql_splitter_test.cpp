#include "core/sql_splitter.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace forge::core {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> texts(std::string_view sql, Dialect dialect) {
  std::vector<std::string> out;
  for (const auto& statement : split_sql(sql, SqlOrigin{"u.sql", 1}, dialect)) {
    out.push_back(statement.text);
  }
  return out;
}

std::vector<int> lines(std::string_view sql, Dialect dialect, int first_line = 1) {
  std::vector<int> out;
  for (const auto& statement : split_sql(sql, SqlOrigin{"u.sql", first_line}, dialect)) {
    out.push_back(statement.line);
  }
  return out;
}

std::string error_of(std::string_view sql, Dialect dialect, int first_line = 1) {
  try {
    split_sql(sql, SqlOrigin{"u.sql", first_line}, dialect);
  } catch (const MigrationFileError& e) {
    return e.what();
  }
  return "(no error)";
}

// --- plain statements -------------------------------------------------------

TEST(SplitSql, SplitsAtSemicolonsAndTrimsEachStatement) {
  EXPECT_THAT(texts("  CREATE TABLE a (x INT);\n\nCREATE TABLE b (y INT) ;  ", Dialect::sqlite),
              ElementsAre("CREATE TABLE a (x INT)", "CREATE TABLE b (y INT)"));
}

TEST(SplitSql, KeepsTheLastStatementWithoutASemicolon) {
  EXPECT_THAT(texts("SELECT 1;\nSELECT 2", Dialect::sqlite), ElementsAre("SELECT 1", "SELECT 2"));
}

TEST(SplitSql, GivesNothingForEmptyText) {
  EXPECT_TRUE(texts("", Dialect::postgres).empty());
  EXPECT_TRUE(texts(" \n\t\n", Dialect::mysql).empty());
  EXPECT_TRUE(texts(";;\n;", Dialect::sqlite).empty());
}

TEST(SplitSql, DropsStatementsHoldingOnlyComments) {
  EXPECT_THAT(
      texts("-- only a comment;\n/* and ; another */;\nSELECT 1;\n-- trailing\n", Dialect::sqlite),
      ElementsAre("SELECT 1"));
}

TEST(SplitSql, NumbersEachStatementFromTheLineWhereItStarts) {
  const std::string sql =
      "-- header\n"                       // 1
      "CREATE TABLE a (\n"                // 2
      "  x INT\n"                         // 3
      ");\n"                              // 4
      "\n"                                // 5
      "/* note */ SELECT 1; SELECT 2;\n"  // 6
      "\n"                                // 7
      "  SELECT 3\n";                     // 8
  EXPECT_THAT(lines(sql, Dialect::sqlite), ElementsAre(2, 6, 6, 8));
}

TEST(SplitSql, CountsLinesFromTheSectionsFirstLine) {
  EXPECT_THAT(lines("SELECT 1;\n\nSELECT 2;\n", Dialect::sqlite, 41), ElementsAre(41, 43));
}

TEST(SplitSql, RecordsTheFileOfEachStatement) {
  const auto statements = split_sql("SELECT 1", SqlOrigin{"db/1_a.sql", 3}, Dialect::sqlite);
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_EQ(statements[0].file, "db/1_a.sql");
}

// --- quotes -------------------------------------------------------------------

TEST(SplitSql, IgnoresSemicolonsInQuotesWithDoubledQuotes) {
  EXPECT_THAT(
      texts("INSERT INTO t VALUES ('it''s; fine');\nSELECT \"a\"\";b\" FROM t;", Dialect::sqlite),
      ElementsAre("INSERT INTO t VALUES ('it''s; fine')", "SELECT \"a\"\";b\" FROM t"));
}

TEST(SplitSql, HonoursMysqlBackslashEscapes) {
  EXPECT_THAT(
      texts(R"(INSERT INTO t VALUES ('it\'s; \\'); INSERT INTO t VALUES ("a\";b");)",
            Dialect::mysql),
      ElementsAre(R"(INSERT INTO t VALUES ('it\'s; \\'))", R"(INSERT INTO t VALUES ("a\";b"))"));
}

TEST(SplitSql, TreatsBackslashAsAPlainCharacterInStandardStrings) {
  // In PostgreSQL and SQLite 'a\' is a complete string.
  EXPECT_THAT(texts(R"(SELECT 'a\'; SELECT 2;)", Dialect::postgres),
              ElementsAre(R"(SELECT 'a\')", "SELECT 2"));
  EXPECT_THAT(texts(R"(SELECT 'a\'; SELECT 2;)", Dialect::sqlite),
              ElementsAre(R"(SELECT 'a\')", "SELECT 2"));
}

TEST(SplitSql, HonoursBackslashesInPostgresEStrings) {
  EXPECT_THAT(texts(R"(SELECT E'it\'s; here'; SELECT e'\\'; SELECT 3;)", Dialect::postgres),
              ElementsAre(R"(SELECT E'it\'s; here')", R"(SELECT e'\\')", "SELECT 3"));
}

TEST(SplitSql, DoesNotTakeAWordEndingInEForAnEStringPrefix) {
  // `name'...'` is not E'...': the backslash stays literal and ends nothing.
  EXPECT_THAT(texts(R"(SELECT some'\'; SELECT 2;)", Dialect::postgres),
              ElementsAre(R"(SELECT some'\')", "SELECT 2"));
}

TEST(SplitSql, IgnoresSemicolonsInBacktickIdentifiers) {
  EXPECT_THAT(texts("CREATE TABLE `odd;name` (`a;b` INT);", Dialect::mysql),
              ElementsAre("CREATE TABLE `odd;name` (`a;b` INT)"));
}

TEST(SplitSql, IgnoresSemicolonsInSqliteBracketIdentifiers) {
  EXPECT_THAT(texts("CREATE TABLE [odd;name] (x INT);", Dialect::sqlite),
              ElementsAre("CREATE TABLE [odd;name] (x INT)"));
}

// --- comments -------------------------------------------------------------------

TEST(SplitSql, IgnoresSemicolonsInLineComments) {
  EXPECT_THAT(texts("SELECT 1 -- one; two\n, 2;", Dialect::postgres),
              ElementsAre("SELECT 1 -- one; two\n, 2"));
}

TEST(SplitSql, TreatsHashAsACommentInMysqlOnly) {
  EXPECT_THAT(texts("# note; here\nSELECT 1;", Dialect::mysql), ElementsAre("SELECT 1"));
  EXPECT_THAT(texts("SELECT 1 # 2; SELECT 3;", Dialect::postgres),
              ElementsAre("SELECT 1 # 2", "SELECT 3"));
}

TEST(SplitSql, NeedsABlankAfterDoubleDashForAMysqlComment) {
  EXPECT_THAT(texts("SELECT 1--1; SELECT 2;", Dialect::mysql),
              ElementsAre("SELECT 1--1", "SELECT 2"));
  EXPECT_THAT(texts("SELECT 1 -- x; y\n; SELECT 2;", Dialect::mysql),
              ElementsAre("SELECT 1 -- x; y", "SELECT 2"));
}

TEST(SplitSql, NestsBlockCommentsInPostgres) {
  EXPECT_THAT(
      texts("/* outer /* inner; */ still; comment */ SELECT 1; SELECT 2;", Dialect::postgres),
      ElementsAre("SELECT 1", "SELECT 2"));
}

TEST(SplitSql, EndsBlockCommentsAtTheFirstCloseInSqlite) {
  EXPECT_THAT(texts("/* a /* b */ SELECT 1; SELECT 2;", Dialect::sqlite),
              ElementsAre("SELECT 1", "SELECT 2"));
}

TEST(SplitSql, KeepsMysqlExecutableCommentsAsStatements) {
  EXPECT_THAT(texts("/*!40101 SET @saved = @@character_set_client; */;\n/* plain; */\nSELECT 1;",
                    Dialect::mysql),
              ElementsAre("/*!40101 SET @saved = @@character_set_client; */", "SELECT 1"));
}

// --- dollar quotes ----------------------------------------------------------------

TEST(SplitSql, IgnoresSemicolonsInsideDollarQuotes) {
  const std::string sql =
      "CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql;\n"
      "CREATE FUNCTION g() RETURNS text AS $body$ SELECT 'a;$$;'; $body$ LANGUAGE sql;\n"
      "DO $$ BEGIN PERFORM 1; END $$;";
  EXPECT_THAT(
      texts(sql, Dialect::postgres),
      ElementsAre("CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql",
                  "CREATE FUNCTION g() RETURNS text AS $body$ SELECT 'a;$$;'; $body$ LANGUAGE sql",
                  "DO $$ BEGIN PERFORM 1; END $$"));
}

TEST(SplitSql, DoesNotTakePositionalParametersForDollarQuotes) {
  EXPECT_THAT(texts("PREPARE p AS SELECT $1; SELECT 2;", Dialect::postgres),
              ElementsAre("PREPARE p AS SELECT $1", "SELECT 2"));
}

TEST(SplitSql, DoesNotDollarQuoteOutsidePostgres) {
  EXPECT_THAT(texts("SELECT $$; SELECT 2;", Dialect::sqlite), ElementsAre("SELECT $$", "SELECT 2"));
}

// --- BEGIN ... END bodies -------------------------------------------------------------

TEST(SplitSql, KeepsASqliteTriggerBodyWithCaseTogether) {
  const std::string trigger =
      "CREATE TRIGGER orders_total AFTER INSERT ON order_items\n"
      "BEGIN\n"
      "  UPDATE orders SET total = total + CASE WHEN NEW.quantity > 0 THEN NEW.price ELSE 0 END;\n"
      "  SELECT CASE WHEN NEW.price < 0 THEN RAISE(ABORT, 'negative; price') END;\n"
      "END";
  EXPECT_THAT(texts(trigger + ";\nSELECT 1;", Dialect::sqlite), ElementsAre(trigger, "SELECT 1"));
}

TEST(SplitSql, KeepsAPostgresBeginAtomicBodyTogether) {
  const std::string body =
      "CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); "
      "INSERT INTO t VALUES (2); END";
  EXPECT_THAT(texts(body + "; SELECT 1;", Dialect::postgres), ElementsAre(body, "SELECT 1"));
}

TEST(SplitSql, KeepsAMysqlProcedureWithIfWhileAndNestedBlocksTogether) {
  const std::string procedure =
      "CREATE PROCEDURE fill(IN n INT)\n"
      "BEGIN\n"
      "  DECLARE i INT DEFAULT 0;\n"
      "  IF n > 0 THEN\n"
      "    WHILE i < n DO\n"
      "      INSERT INTO t VALUES (i);\n"
      "      SET i = i + 1;\n"
      "    END WHILE;\n"
      "  END IF;\n"
      "  inner_block: BEGIN\n"
      "    CASE i WHEN 0 THEN SELECT 'none'; ELSE SELECT CASE WHEN i > 9 THEN 'many' END; END "
      "CASE;\n"
      "    SELECT start, end FROM spans WHERE end > i;\n"
      "    BEGIN END;\n"
      "  END inner_block;\n"
      "END";
  EXPECT_THAT(texts(procedure + ";\nSELECT 1;", Dialect::mysql),
              ElementsAre(procedure, "SELECT 1"));
}

TEST(SplitSql, FollowsMysqlDelimiterLines) {
  const std::string sql =
      "DELIMITER $$\n"
      "CREATE PROCEDURE p()\n"
      "BEGIN\n"
      "  SELECT 1;\n"
      "END$$\n"
      "DELIMITER ;\n"
      "SELECT 2;\n";
  const auto statements = split_sql(sql, SqlOrigin{"u.sql", 1}, Dialect::mysql);
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0].text, "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND");
  EXPECT_EQ(statements[0].line, 2);
  EXPECT_EQ(statements[1].text, "SELECT 2");
  EXPECT_EQ(statements[1].line, 7);
}

TEST(SplitSql, EndsAStatementAtACustomDelimiterRightAfterAWord) {
  EXPECT_THAT(
      texts("DELIMITER $$\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.x = 1; "
            "END$$\n"
            "SELECT 1$$\nDELIMITER ;\nSELECT 2;",
            Dialect::mysql),
      ElementsAre("CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.x = 1; END",
                  "SELECT 1", "SELECT 2"));
}

TEST(SplitSql, EndsAStatementAtACustomDelimiterWhateverTheBody) {
  // The mysql client splits at its delimiter without reading BEGIN ... END at all.
  EXPECT_THAT(
      texts("DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; //\nSELECT 2//\n", Dialect::mysql),
      ElementsAre("CREATE PROCEDURE p() BEGIN SELECT 1;", "SELECT 2"));
}

TEST(SplitSql, SplitsAtACustomDelimiterOutsideBlocksToo) {
  EXPECT_THAT(texts("DELIMITER //\nSELECT 1; SELECT 2//\nSELECT 3//\n", Dialect::mysql),
              ElementsAre("SELECT 1; SELECT 2", "SELECT 3"));
}

TEST(SplitSql, DoesNotTakeATableNamedEventForABlock) {
  EXPECT_THAT(
      texts("CREATE TABLE event (id INT, begin_at INT);\n"
            "CREATE INDEX event_idx ON event (id);\n"
            "INSERT INTO event VALUES (1, 2);",
            Dialect::mysql),
      ElementsAre("CREATE TABLE event (id INT, begin_at INT)",
                  "CREATE INDEX event_idx ON event (id)", "INSERT INTO event VALUES (1, 2)"));
}

TEST(SplitSql, DoesNotTakeAColumnNamedEndForABlockEnd) {
  EXPECT_THAT(texts("CREATE TABLE spans (start INT, end INT);\nSELECT start, end FROM spans;\n"
                    "UPDATE spans SET end = 1;",
                    Dialect::sqlite),
              ElementsAre("CREATE TABLE spans (start INT, end INT)", "SELECT start, end FROM spans",
                          "UPDATE spans SET end = 1"));
}

TEST(SplitSql, DoesNotTakeAColumnNamedEndInATriggerBodyForABlockEnd) {
  const std::string trigger =
      "CREATE TRIGGER spans_fix AFTER INSERT ON spans\n"
      "BEGIN\n"
      "  UPDATE spans SET end = NEW.start WHERE NEW.end IS NULL AND id = NEW.id;\n"
      "  UPDATE spans SET start = 0 WHERE end < 0;\n"
      "END";
  EXPECT_THAT(texts(trigger + ";\nSELECT 1;", Dialect::sqlite), ElementsAre(trigger, "SELECT 1"));
}

// --- errors ---------------------------------------------------------------------------

TEST(SplitSql, RefusesAnUnterminatedQuoteNamingItsOpeningLine) {
  const std::string error =
      error_of("SELECT 1;\nINSERT INTO t VALUES ('oops);\nSELECT 2;\n", Dialect::sqlite, 10);
  EXPECT_THAT(error, HasSubstr("u.sql:11:"));
  EXPECT_THAT(error, HasSubstr("unterminated quoted text"));
}

TEST(SplitSql, RefusesAnUnterminatedDollarQuoteNamingItsOpeningLine) {
  const std::string error =
      error_of("SELECT 1;\n\nCREATE FUNCTION f() AS $fn$ SELECT 1;\n", Dialect::postgres);
  EXPECT_THAT(error, HasSubstr("u.sql:3:"));
  EXPECT_THAT(error, HasSubstr("$fn$"));
}

TEST(SplitSql, RefusesAnUnterminatedBlockCommentNamingItsOpeningLine) {
  const std::string error = error_of("SELECT 1;\n/* never\nclosed\n", Dialect::mysql);
  EXPECT_THAT(error, HasSubstr("u.sql:2:"));
  EXPECT_THAT(error, HasSubstr("block comment"));
}

TEST(SplitSql, RefusesAnUnclosedNestedPostgresComment) {
  EXPECT_THAT(error_of("/* a /* b */ SELECT 1;", Dialect::postgres), HasSubstr("u.sql:1:"));
}

TEST(SplitSql, RefusesANulByteAtItsLineRatherThanCuttingTheStatementShort) {
  const std::string sql = std::string("SELECT 1;\n\nDROP TABLE orders") + '\0' + "_backup;\n";
  for (Dialect dialect : {Dialect::sqlite, Dialect::postgres, Dialect::mysql}) {
    const std::string error = error_of(sql, dialect, 10);
    EXPECT_THAT(error, HasSubstr("u.sql:12:"));
    EXPECT_THAT(error, HasSubstr("NUL byte"));
  }
}

TEST(SplitSql, RefusesANulByteInsideQuotedTextOrAComment) {
  EXPECT_THAT(error_of(std::string("SELECT 'a") + '\0' + "b';", Dialect::mysql),
              HasSubstr("NUL byte"));
  EXPECT_THAT(error_of(std::string("-- a") + '\0' + "\nSELECT 1;", Dialect::sqlite),
              HasSubstr("u.sql:1:"));
}

TEST(SplitSql, ThrowsMigrationFileErrorForAnUnterminatedBacktick) {
  EXPECT_THROW(split_sql("SELECT `a;", SqlOrigin{"u.sql", 1}, Dialect::mysql), MigrationFileError);
}


TEST(SplitSqlAroundWholeStatements, KeepsEachMarkedRangeAsOneStatementWithoutItsSemicolon) {
  const std::string text =
      "CREATE TABLE t (id INT);\n"                                        // 10
      "-- +goose StatementBegin\n"                                        // 11
      "\n"                                                                // 12
      "CREATE TRIGGER g AFTER INSERT ON t BEGIN\n"                        // 13
      "  UPDATE t SET id = id; 'unbalanced;\n"                            // 14
      "END;\n"                                                            // 15
      "-- +goose StatementEnd\n"                                          // 16
      "INSERT INTO t VALUES (1); INSERT INTO t VALUES (2);\n";             // 17
  const auto statements =
      split_sql(text, SqlOrigin{"u.sql", 10}, Dialect::sqlite, {LineRange{12, 15}});
  ASSERT_EQ(statements.size(), 4u);
  EXPECT_EQ(statements[0].text, "CREATE TABLE t (id INT)");
  EXPECT_EQ(statements[0].line, 10);
  EXPECT_EQ(statements[1].text,
            "CREATE TRIGGER g AFTER INSERT ON t BEGIN\n  UPDATE t SET id = id; 'unbalanced;\nEND");
  EXPECT_EQ(statements[1].line, 13);
  EXPECT_EQ(statements[2].text, "INSERT INTO t VALUES (1)");
  EXPECT_EQ(statements[2].line, 17);
  EXPECT_EQ(statements[3].line, 17);
}

TEST(SplitSqlAroundWholeStatements, RefusesANulByteInsideAMarkedRangeToo) {
  const std::string text = std::string("SELECT 1;\nDROP TABLE orders") + '\0' + "_backup;\n";
  EXPECT_THROW(split_sql(text, SqlOrigin{"u.sql", 1}, Dialect::sqlite, {LineRange{2, 2}}),
               MigrationFileError);
}

}  // namespace
}  // namespace forge::core
