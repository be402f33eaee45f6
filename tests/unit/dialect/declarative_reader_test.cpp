// RenderingReader: a declarative file turned into the sections the runner executes, per dialect.
#include "dialect/declarative_reader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "core/statement_kind.hpp"
#include "declarative/document.hpp"
#include "dialect/mysql/mysql_renderer.hpp"
#include "dialect/postgres/postgres_renderer.hpp"
#include "dialect/render_helpers.hpp"
#include "dialect/sqlite/sqlite_connection.hpp"
#include "dialect/sqlite/sqlite_renderer.hpp"
#include "support/temp_folder.hpp"

namespace forge::dialect {
namespace {

using core::DeclarativeSections;
using core::Statement;
using ::testing::AllOf;
using testing::at;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::k_file;
using ::testing::Not;
using ::testing::StartsWith;

// Line 2 creates the table, line 7 adds a column, line 11 an index.
const std::string k_create_add_index = R"y(up:
  - createTable:
      table: users
      columns:
        id: { type: INTEGER, primaryKey: true, autoIncrement: true }
        name: { type: STRING(100), allowNull: false }
  - addColumn:
      table: users
      column: email
      type: STRING(255)
  - addIndex:
      table: users
      fields: [email]
      name: users_email_idx
)y";

std::vector<std::string> texts(const core::Section& section) {
  std::vector<std::string> out;
  for (const Statement& statement : section.statements) out.push_back(statement.text);
  return out;
}

std::vector<int> lines(const core::Section& section) {
  std::vector<int> out;
  for (const Statement& statement : section.statements) out.push_back(statement.line);
  return out;
}

DeclarativeSections read_with(const declarative::SqlRenderer& renderer, const std::string& yaml) {
  return RenderingReader(renderer).read(yaml, k_file);
}

std::string read_error(const declarative::SqlRenderer& renderer, const std::string& yaml) {
  try {
    read_with(renderer, yaml);
  } catch (const MigrationFileError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(RenderingReader, RendersEachUpOperationAtItsFileAndLine) {
  const sqlite::SqliteRenderer renderer;
  const DeclarativeSections sections = read_with(renderer, k_create_add_index);

  ASSERT_EQ(sections.up.statements.size(), 3u);
  EXPECT_THAT(sections.up.statements[0].text, StartsWith("CREATE TABLE \"users\""));
  EXPECT_THAT(sections.up.statements[1].text,
              StartsWith("ALTER TABLE \"users\" ADD COLUMN \"email\""));
  EXPECT_EQ(sections.up.statements[2].text,
            "CREATE INDEX \"users_email_idx\" ON \"users\" (\"email\")");
  EXPECT_THAT(lines(sections.up), ElementsAre(2, 7, 11));
  for (const Statement& statement : sections.up.statements) {
    EXPECT_EQ(statement.file, k_file);
    EXPECT_EQ(statement.late, nullptr) << statement.text;
  }
  EXPECT_EQ(sections.up.file, k_file);
  EXPECT_EQ(sections.up.first_line, 2);
  EXPECT_TRUE(sections.up.in_transaction);
  EXPECT_THAT(sections.up.text,
              AllOf(HasSubstr("CREATE TABLE \"users\""), HasSubstr("users_email_idx")));
}

TEST(RenderingReader, DerivesTheDownNewestFirstWhenTheUnitHasNone) {
  const sqlite::SqliteRenderer renderer;
  const DeclarativeSections sections = read_with(renderer, k_create_add_index);

  ASSERT_TRUE(sections.down);
  EXPECT_TRUE(sections.irreversible.empty());
  // The index goes with its table (which the unit created), so no DROP INDEX comes first.
  ASSERT_EQ(sections.down->statements.size(), 2u);
  EXPECT_NE(sections.down->statements[0].late, nullptr)
      << "removing a column is a table rebuild on SQLite, written when it runs";
  EXPECT_EQ(sections.down->statements[1].text, "DROP TABLE \"users\"");
  EXPECT_THAT(lines(*sections.down), ElementsAre(7, 2))
      << "each derived operation points at the operation it undoes";
}

TEST(RenderingReader, RendersAWrittenDownInsteadOfDerivingOne) {
  const sqlite::SqliteRenderer renderer;
  const DeclarativeSections sections = read_with(renderer, R"y(up:
  - dropTable: { table: legacy }
down:
  - sql: "CREATE TABLE legacy (id INTEGER)"
)y");

  ASSERT_TRUE(sections.down);
  EXPECT_THAT(texts(*sections.down), ElementsAre("CREATE TABLE legacy (id INTEGER)"));
  EXPECT_THAT(lines(*sections.down), ElementsAre(4));
  EXPECT_TRUE(sections.irreversible.empty());
}

TEST(RenderingReader, GivesNoDownAndNamesTheOperationThatPreventsOne) {
  const sqlite::SqliteRenderer renderer;
  const DeclarativeSections sections = read_with(renderer, R"y(up:
  - addColumn: { table: users, column: nick, type: TEXT }
  - dropTable: { table: legacy }
)y");

  EXPECT_FALSE(sections.down);
  EXPECT_THAT(sections.irreversible, StartsWith(at(3, 5)));
  EXPECT_THAT(sections.irreversible, HasSubstr("dropTable cannot be undone automatically"));
  EXPECT_EQ(sections.up.statements.size(), 2u) << "the up still runs";
}

TEST(RenderingReader, NamesRawSqlAsIrreversible) {
  const sqlite::SqliteRenderer renderer;
  const DeclarativeSections sections =
      read_with(renderer, "up:\n  - sql: \"UPDATE t SET x = 1\"\n");
  EXPECT_FALSE(sections.down);
  EXPECT_THAT(sections.irreversible,
              AllOf(StartsWith(at(2, 5)), HasSubstr("sql cannot be undone")));
}

TEST(RenderingReader, ChecksumsTheCanonicalUpListNotTheSql) {
  const sqlite::SqliteRenderer renderer;
  const DeclarativeSections sections = read_with(renderer, k_create_add_index);

  const declarative::DocumentNode root = declarative::parse_document(k_create_add_index, k_file);
  EXPECT_EQ(sections.checksum_text, declarative::canonical_form(*root.find("up")));
}

TEST(RenderingReader, GivesTheSameChecksumTextWhateverTheDown) {
  const sqlite::SqliteRenderer renderer;
  const std::string up = "up:\n  - createTable: { table: t, columns: { id: INTEGER } }\n";
  EXPECT_EQ(read_with(renderer, up).checksum_text,
            read_with(renderer, up + "down:\n  - dropTable: { table: t }\n").checksum_text);
}

TEST(RenderingReader, MakesOnlySqliteTableRebuildsLate) {
  const sqlite::SqliteRenderer renderer;
  const DeclarativeSections sections = read_with(renderer, R"y(up:
  - addColumn: { table: t, column: plain, type: TEXT }
  - changeColumn: { table: t, column: plain, type: STRING(20), allowNull: false }
  - renameColumn: { table: t, from: plain, to: renamed }
  - removeColumn: { table: t, column: renamed }
)y");

  ASSERT_EQ(sections.up.statements.size(), 4u);
  EXPECT_EQ(sections.up.statements[0].late, nullptr);
  EXPECT_NE(sections.up.statements[1].late, nullptr);
  EXPECT_EQ(sections.up.statements[2].late, nullptr);
  EXPECT_NE(sections.up.statements[3].late, nullptr);
  EXPECT_THAT(sections.up.statements[1].text, AllOf(StartsWith("-- "), HasSubstr("changeColumn")))
      << "a late statement shows as a comment until it is written";
  EXPECT_EQ(sections.up.statements[1].line, 3);
}

TEST(RenderingReader, WritesALateRebuildFromTheLiveTableOfTheConnectionItRunsOn) {
  forge::testing::TempFolder folder;
  core::DatabaseUrl url;
  url.dialect = core::Dialect::sqlite;
  url.scheme = "sqlite";
  url.database = (folder.path() / "app.db").string();
  sqlite::SqliteConnection connection(url);
  connection.execute(
      Statement{"CREATE TABLE t (id INTEGER PRIMARY KEY, plain TEXT, kept TEXT)", "x", 1});

  const sqlite::SqliteRenderer renderer;
  const DeclarativeSections sections = read_with(
      renderer,
      "up:\n  - changeColumn: { table: t, column: plain, type: STRING(20), allowNull: false }\n");
  const auto written = sections.up.statements.at(0).late->write(connection);

  EXPECT_THAT(written,
              ::testing::Contains(AllOf(StartsWith("CREATE TABLE \"forge_new_t\""),
                                        HasSubstr("kept TEXT"), HasSubstr("VARCHAR(20) NOT NULL"))))
      << "the rebuild copies the columns the live table has, with the changed one";
}

TEST(RenderingReader, MakesNothingLateOnPostgresOrMysql) {
  const postgres::PostgresRenderer postgres;
  const mysql::MysqlRenderer mysql;
  const std::string yaml = "up:\n  - changeColumn: { table: t, column: c, type: STRING(20) }\n";
  for (const declarative::SqlRenderer* renderer :
       std::vector<const declarative::SqlRenderer*>{&postgres, &mysql}) {
    const DeclarativeSections sections = read_with(*renderer, yaml);
    ASSERT_FALSE(sections.up.statements.empty());
    for (const Statement& statement : sections.up.statements) {
      EXPECT_EQ(statement.late, nullptr) << statement.text;
      EXPECT_THAT(statement.text, Not(StartsWith("--")));
    }
  }
}

TEST(RenderingReader, WritesPostgresConcurrentIndexesSoTheRunnerRunsThemWithoutATransaction) {
  const postgres::PostgresRenderer renderer;
  const DeclarativeSections sections = read_with(renderer, R"y(up:
  - addIndex:
      table: orders
      fields: [code]
      name: orders_code_idx
      concurrently: true
)y");

  ASSERT_EQ(sections.up.statements.size(), 1u);
  const Statement& statement = sections.up.statements[0];
  EXPECT_THAT(statement.text, StartsWith("CREATE INDEX CONCURRENTLY \"orders_code_idx\""));
  EXPECT_TRUE(core::refuses_transaction(statement, core::Dialect::postgres));
  EXPECT_EQ(core::first_refusing_transaction(sections.up.statements, core::Dialect::postgres),
            &sections.up.statements[0]);
}

TEST(RenderingReader, RefusesWhatTheDialectCannotHonourAtTheOptionsPosition) {
  const mysql::MysqlRenderer renderer;
  const std::string error = read_error(renderer, R"y(up:
  - addIndex:
      table: orders
      fields: [code]
      name: orders_code_idx
      where: { code: { ne: null } }
)y");
  EXPECT_THAT(error, AllOf(StartsWith(at(6, 7)), HasSubstr("partial")));
}

TEST(RenderingReader, RefusesAnInvalidUnitAtItsPosition) {
  const sqlite::SqliteRenderer renderer;
  EXPECT_THAT(read_error(renderer, "up:\n  - addColum: { table: t, column: c, type: TEXT }\n"),
              StartsWith(at(2, 5)));
  EXPECT_THAT(read_error(renderer, "up:\n  - addColumn: { table: t, column: c, type: STRNG(5) }\n"),
              AllOf(StartsWith(k_file + ":2:"), HasSubstr("STRNG")));
}

TEST(RenderingReader, RefusesADownThatTheDialectCannotHonour) {
  const mysql::MysqlRenderer renderer;
  const std::string error = read_error(renderer, R"y(up:
  - removeIndex: { table: orders, name: orders_code_idx }
down:
  - addIndex:
      table: orders
      fields: [code]
      name: orders_code_idx
      where: { code: { ne: null } }
)y");
  EXPECT_THAT(error, StartsWith(at(8, 7)));
}

}  // namespace
}  // namespace forge::dialect
