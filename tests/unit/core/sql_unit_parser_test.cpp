#include "core/sql_unit_parser.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace forge::core {
namespace {

using ::testing::HasSubstr;

std::string error_of(std::string_view text) {
  try {
    parse_marked_sql(text, "1_unit.sql");
  } catch (const MigrationFileError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ParseMarkedSql, FindsForgeUpAndDownSections) {
  const auto marked = parse_marked_sql(
      "-- forge:up\nCREATE TABLE t (id INT);\n-- forge:down\nDROP TABLE t;\n", "1_unit.sql");
  ASSERT_TRUE(marked.up);
  ASSERT_TRUE(marked.down);
  EXPECT_EQ(marked.up->text, "CREATE TABLE t (id INT);\n");
  EXPECT_EQ(marked.down->text, "DROP TABLE t;\n");
  EXPECT_TRUE(marked.up->in_transaction);
  EXPECT_TRUE(marked.down->in_transaction);
}

TEST(ParseMarkedSql, ReadsDbmateMarkersTheSameWay) {
  const auto marked = parse_marked_sql(
      "-- migrate:up\nCREATE TABLE t (id INT);\n\n-- migrate:down\nDROP TABLE t;\n", "1_unit.sql");
  ASSERT_TRUE(marked.up);
  ASSERT_TRUE(marked.down);
  EXPECT_EQ(marked.up->text, "CREATE TABLE t (id INT);\n\n");
  EXPECT_EQ(marked.down->text, "DROP TABLE t;\n");
}

TEST(ParseMarkedSql, NumbersTheLinesOfEachSection) {
  const auto marked = parse_marked_sql(
      "-- a header comment\n\n-- forge:up\nA;\nB;\n-- forge:down\nC;\n", "1_unit.sql");
  EXPECT_EQ(marked.up->marker_line, 3);
  EXPECT_EQ(marked.up->first_line, 4);
  EXPECT_EQ(marked.down->marker_line, 6);
  EXPECT_EQ(marked.down->first_line, 7);
}

TEST(ParseMarkedSql, ReadsTheTransactionFalseOption) {
  const auto marked = parse_marked_sql(
      "-- forge:up transaction:false\nVACUUM;\n-- migrate:down   transaction:false\n", "1.sql");
  EXPECT_FALSE(marked.up->in_transaction);
  EXPECT_FALSE(marked.down->in_transaction);
}

TEST(ParseMarkedSql, AcceptsTransactionTrue) {
  const auto marked = parse_marked_sql("-- forge:up transaction:true\nSELECT 1;\n", "1.sql");
  EXPECT_TRUE(marked.up->in_transaction);
}

TEST(ParseMarkedSql, RefusesAnUnknownOptionNamingItsLine) {
  const std::string error = error_of("-- forge:up\nSELECT 1;\n-- forge:down nonsense:yes\n");
  EXPECT_THAT(error, HasSubstr("1_unit.sql:3:"));
  EXPECT_THAT(error, HasSubstr("nonsense:yes"));
}

TEST(ParseMarkedSql, RefusesASecondUpMarker) {
  const std::string error = error_of("-- forge:up\nA;\n-- migrate:up\nB;\n");
  EXPECT_THAT(error, HasSubstr("1_unit.sql:3:"));
  EXPECT_THAT(error, HasSubstr("line 1"));
}

TEST(ParseMarkedSql, RefusesASecondDownMarker) {
  EXPECT_THAT(error_of("-- forge:up\n-- forge:down\nA;\n-- forge:down\n"),
              HasSubstr("1_unit.sql:4:"));
}

TEST(ParseMarkedSql, RefusesSqlBeforeTheFirstMarker) {
  const std::string error = error_of("-- intro\n\nCREATE TABLE t (x);\n-- forge:up\n");
  EXPECT_THAT(error, HasSubstr("1_unit.sql:3:"));
  EXPECT_THAT(error, HasSubstr("before the first"));
}

TEST(ParseMarkedSql, AllowsCommentsAndBlankLinesBeforeTheFirstMarker) {
  const auto marked =
      parse_marked_sql("-- written by hand\n\n   -- indented\n-- forge:up\nA;\n", "1.sql");
  ASSERT_TRUE(marked.up);
  EXPECT_EQ(marked.up->text, "A;\n");
}

TEST(ParseMarkedSql, AllowsAnUpOnlyUnit) {
  const auto marked = parse_marked_sql("-- forge:up\nCREATE TABLE t (x);\n", "1.sql");
  EXPECT_TRUE(marked.up);
  EXPECT_FALSE(marked.down);
}

TEST(ParseMarkedSql, AllowsEmptySections) {
  const auto marked = parse_marked_sql("-- forge:up\n-- forge:down\n", "1.sql");
  ASSERT_TRUE(marked.up);
  ASSERT_TRUE(marked.down);
  EXPECT_EQ(marked.up->text, "");
  EXPECT_EQ(marked.down->text, "");
}

TEST(ParseMarkedSql, RefusesAFileWithoutAnUpSection) {
  for (const char* text : {"-- just a comment\n", "-- forge:down\nDROP TABLE t;\n"}) {
    try {
      parse_marked_sql(text, "1.sql");
      ADD_FAILURE() << "no error for: " << text;
    } catch (const MigrationFileError& e) {
      EXPECT_THAT(e.what(), ::testing::HasSubstr("1.sql: no up section"));
    }
  }
}

TEST(ParseMarkedSql, DoesNotTakeAMentionOfTheMarkerInsideACommentForAMarker) {
  const auto marked = parse_marked_sql("-- forge:up\n-- see forge:down below\nA;\n", "1.sql");
  EXPECT_FALSE(marked.down);
  EXPECT_EQ(marked.up->text, "-- see forge:down below\nA;\n");
}

// ---- goose's annotations ----

TEST(ParseMarkedSql, ReadsGooseUpAndDownInAnyCase) {
  const auto marked = parse_marked_sql(
      "-- +goose Up\nCREATE TABLE t (id INT);\n\n-- +goose down\nDROP TABLE t;\n", "1_unit.sql");
  ASSERT_TRUE(marked.up);
  ASSERT_TRUE(marked.down);
  EXPECT_EQ(marked.up->text, "CREATE TABLE t (id INT);\n\n");
  EXPECT_EQ(marked.up->first_line, 2);
  EXPECT_EQ(marked.down->text, "DROP TABLE t;\n");
  EXPECT_TRUE(marked.up->in_transaction);
}

TEST(ParseMarkedSql, GooseStatementBeginAndEndMarkTheLinesBetweenAsOneStatement) {
  const auto marked = parse_marked_sql(
      "-- +goose Up\n"                                                      // 1
      "CREATE TABLE t (id INT);\n"                                          // 2
      "-- +goose StatementBegin\n"                                          // 3
      "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n"  // 4
      "-- +goose StatementEnd\n"                                            // 5
      "-- +goose Down\n"                                                    // 6
      "-- +goose StatementBegin\n"                                          // 7
      "DROP FUNCTION f;\n"                                                  // 8
      "-- +goose StatementEnd\n",                                           // 9
      "1_unit.sql");
  ASSERT_EQ(marked.up->whole_statements.size(), 1u);
  EXPECT_EQ(marked.up->whole_statements[0].first, 4);
  EXPECT_EQ(marked.up->whole_statements[0].last, 4);
  ASSERT_EQ(marked.down->whole_statements.size(), 1u);
  EXPECT_EQ(marked.down->whole_statements[0].first, 8);
}

TEST(ParseMarkedSql, GooseNoTransactionTakesBothSectionsOutOfTheTransaction) {
  const auto marked = parse_marked_sql(
      "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY i ON t (x);\n"
      "-- +goose Down\nDROP INDEX CONCURRENTLY i;\n",
      "1_unit.sql");
  EXPECT_FALSE(marked.up->in_transaction);
  EXPECT_FALSE(marked.down->in_transaction);
}

TEST(ParseMarkedSql, RefusesUnbalancedGooseStatementBlocksNamingTheLine) {
  EXPECT_THAT(error_of("-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n"),
              HasSubstr("1_unit.sql:2: -- +goose StatementBegin without a StatementEnd"));
  EXPECT_THAT(error_of("-- +goose Up\nSELECT 1;\n-- +goose StatementEnd\n"),
              HasSubstr("1_unit.sql:3: -- +goose StatementEnd without a StatementBegin"));
  EXPECT_THAT(error_of("-- +goose Up\n-- +goose StatementBegin\n-- +goose StatementBegin\n"),
              HasSubstr("1_unit.sql:3: -- +goose StatementBegin inside another one"));
  EXPECT_THAT(error_of("-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n-- +goose Down\n"),
              HasSubstr("1_unit.sql:2:"));
  EXPECT_THAT(error_of("-- +goose StatementBegin\n-- +goose Up\n"),
              HasSubstr("1_unit.sql:1: -- +goose StatementBegin before -- +goose Up"));
}

TEST(ParseMarkedSql, RefusesGooseEnvsubWithAHint) {
  EXPECT_THAT(error_of("-- +goose ENVSUB ON\n-- +goose Up\nSELECT '${X}';\n"),
              HasSubstr("1_unit.sql:1: goose annotation '+goose ENVSUB ON' is not supported"));
  EXPECT_NO_THROW(parse_marked_sql("-- +goose envsub off\n-- +goose Up\nSELECT 1;\n", "u.sql"));
}

}  // namespace
}  // namespace forge::core
