// Recognising the statements that build an index concurrently, and the index they name.
#include "dialect/postgres/concurrent_index.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace forge::dialect::postgres {
namespace {

using Kind = ConcurrentIndexBuild::Kind;
using ::testing::HasSubstr;

// "kind index schema.table" for a recognised statement, "none" otherwise.
std::string parsed(std::string_view statement) {
  const auto build = concurrent_index_build(statement);
  if (!build) return "none";
  const char* kinds[] = {"create", "reindex-index", "reindex-table"};
  std::string text = kinds[static_cast<int>(build->kind)];
  if (!build->index.empty()) text += " " + build->index;
  text += " ";
  if (!build->relation.schema.empty()) text += build->relation.schema + ".";
  return text + build->relation.name;
}

TEST(ConcurrentIndexBuild, ReadsAPlainCreateIndexConcurrently) {
  EXPECT_EQ(parsed("CREATE INDEX CONCURRENTLY users_email_idx ON users (email)"),
            "create users_email_idx users");
}

TEST(ConcurrentIndexBuild, FoldsUnquotedNamesToLowerCaseAndKeepsQuotedOnesAsWritten) {
  EXPECT_EQ(parsed("create unique index concurrently Users_Email ON App.\"Users\" (email)"),
            "create users_email app.Users");
  EXPECT_EQ(parsed("CREATE INDEX CONCURRENTLY \"Odd \"\"name\"\"\" ON \"my schema\".t (a)"),
            "create Odd \"name\" my schema.t");
}

TEST(ConcurrentIndexBuild, ReadsIfNotExistsOnlyUsingAndADatabaseQualifiedTable) {
  EXPECT_EQ(parsed("CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON ONLY s.t USING gin (doc)"),
            "create i s.t");
  EXPECT_EQ(parsed("CREATE INDEX CONCURRENTLY i ON db.s.t USING btree (a)"), "create i s.t");
}

TEST(ConcurrentIndexBuild, SkipsLineAndNestedBlockCommentsAnywhereInTheHead) {
  EXPECT_EQ(parsed("-- built without blocking writes\n/* outer /* inner */ still */\n"
                   "CREATE /* c */ INDEX\n  CONCURRENTLY -- why\n  i ON t (a)"),
            "create i t");
}

TEST(ConcurrentIndexBuild, CutsLongNamesTo63BytesAsTheServerDoes) {
  const std::string long_name(70, 'x');
  EXPECT_EQ(parsed("CREATE INDEX CONCURRENTLY " + long_name + " ON t (a)"),
            "create " + std::string(63, 'x') + " t");
}

TEST(ConcurrentIndexBuild, IgnoresOtherStatements) {
  EXPECT_EQ(parsed("CREATE INDEX users_email_idx ON users (email)"), "none");
  EXPECT_EQ(parsed("CREATE TABLE concurrently (id int)"), "none");
  EXPECT_EQ(parsed("DROP INDEX CONCURRENTLY users_email_idx"), "none");
  EXPECT_EQ(parsed("-- CREATE INDEX CONCURRENTLY i ON t (a)\nSELECT 1"), "none");
  EXPECT_EQ(parsed("SELECT 'CREATE INDEX CONCURRENTLY i ON t (a)'"), "none");
  EXPECT_EQ(parsed(""), "none");
}

TEST(ConcurrentIndexBuild, IgnoresAnIndexWithoutANameForTheServerPicksAFreeOne) {
  EXPECT_EQ(parsed("CREATE INDEX CONCURRENTLY ON users (email)"), "none");
  EXPECT_EQ(parsed("CREATE INDEX CONCURRENTLY IF NOT EXISTS ON users (email)"), "none");
}

TEST(ConcurrentIndexBuild, ReadsReindexIndexAndTableConcurrently) {
  EXPECT_EQ(parsed("REINDEX INDEX CONCURRENTLY app.users_email_idx"),
            "reindex-index app.users_email_idx");
  EXPECT_EQ(parsed("reindex table concurrently \"Users\""), "reindex-table Users");
  EXPECT_EQ(parsed("REINDEX (VERBOSE) TABLE CONCURRENTLY users"), "reindex-table users");
}

TEST(ConcurrentIndexBuild, ReadsConcurrentlyInReindexsOptionList) {
  EXPECT_EQ(parsed("REINDEX (CONCURRENTLY, VERBOSE) INDEX i"), "reindex-index i");
  EXPECT_EQ(parsed("REINDEX (CONCURRENTLY true) TABLE t"), "reindex-table t");
  EXPECT_EQ(parsed("REINDEX (CONCURRENTLY false) TABLE t"), "none");
  EXPECT_EQ(parsed("REINDEX (CONCURRENTLY 0) TABLE t"), "none");
}

TEST(ConcurrentIndexBuild, IgnoresReindexWithoutConcurrentlyAndOfWholeSchemas) {
  EXPECT_EQ(parsed("REINDEX INDEX users_email_idx"), "none");
  EXPECT_EQ(parsed("REINDEX SCHEMA CONCURRENTLY app"), "none");
  EXPECT_EQ(parsed("REINDEX DATABASE CONCURRENTLY shop"), "none");
}

TEST(RelationName, QuotesEveryPartAndDoublesQuotesInside) {
  EXPECT_EQ((RelationName{"app", "Users"}).quoted(), "\"app\".\"Users\"");
  EXPECT_EQ((RelationName{"", "a\"b"}).quoted(), "\"a\"\"b\"");
}

TEST(LeftoverIndexesQuery, LooksForTheCreatedIndexsExactNameOnItsTable) {
  const auto query = leftover_indexes_query(
      *concurrent_index_build("CREATE INDEX CONCURRENTLY \"a.b+c\" ON app.t (x)"));
  EXPECT_EQ(query.relation, "\"app\".\"t\"");
  EXPECT_EQ(query.name_pattern, "^a\\.b\\+c$");
  EXPECT_THAT(query.sql, HasSubstr("NOT i.indisvalid"));
  EXPECT_THAT(query.sql, HasSubstr("i.indrelid = to_regclass($1)"));
  EXPECT_THAT(query.sql, HasSubstr("pg_stat_progress_create_index"));
}

TEST(LeftoverIndexesQuery, LooksForReindexCopiesOfTheIndexOnItsTable) {
  const auto query =
      leftover_indexes_query(*concurrent_index_build("REINDEX INDEX CONCURRENTLY users_idx"));
  EXPECT_EQ(query.relation, "\"users_idx\"");
  EXPECT_EQ(query.name_pattern, "^users_idx_cc(new|old)[0-9]*$");
  EXPECT_THAT(query.sql, HasSubstr("x.indexrelid = to_regclass($1)"));
}

TEST(LeftoverIndexesQuery, LooksForEveryReindexCopyOnTheTable) {
  const auto query =
      leftover_indexes_query(*concurrent_index_build("REINDEX TABLE CONCURRENTLY users"));
  EXPECT_EQ(query.name_pattern, "_cc(new|old)[0-9]*$");
  EXPECT_THAT(query.sql, HasSubstr("i.indrelid = to_regclass($1)"));
}

}  // namespace
}  // namespace forge::dialect::postgres
