// Reading a real SQLite database's schema (issue 14), and building it again from the dump.
#include "dialect/sqlite/sqlite_introspect.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "core/schema_yaml.hpp"
#include "core/sql_splitter.hpp"
#include "dialect/sqlite/sqlite_connection.hpp"
#include "support/sqlite_url.hpp"
#include "support/temp_folder.hpp"

namespace forge::dialect::sqlite {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;

using forge::testing::sqlite_url;
using forge::testing::TempFolder;

const std::vector<std::string> k_skip = {"ForgeMeta", "ForgeMeta_forge_progress"};

const std::string k_schema = R"sql(
CREATE TABLE teams (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  created_at TEXT DEFAULT (datetime('now'))
);
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL COLLATE NOCASE,
  team_id INTEGER REFERENCES teams (id) ON DELETE SET NULL ON UPDATE CASCADE,
  score INTEGER DEFAULT 0 CONSTRAINT score_positive CHECK (score >= 0),
  nickname TEXT CHECK (length(nickname) < 20),
  doubled INTEGER GENERATED ALWAYS AS (score * 2) STORED,
  half REAL AS (score / 2.0) VIRTUAL,
  UNIQUE (email, team_id),
  CONSTRAINT email_has_at CHECK (email LIKE '%@%'),
  CHECK (score < 1000)
);
CREATE INDEX users_email_desc ON users (lower(email) DESC, score);
CREATE INDEX users_scored ON users (score) WHERE score IS NOT NULL;
CREATE VIEW ranked AS SELECT email, score FROM users ORDER BY score DESC;
CREATE TRIGGER users_stamp AFTER UPDATE ON users BEGIN
  UPDATE teams SET name = name WHERE id = NEW.team_id;
END;
CREATE TABLE readings (
  sensor TEXT NOT NULL,
  at INTEGER NOT NULL,
  value REAL,
  PRIMARY KEY (sensor, at)
) STRICT;
CREATE TABLE ForgeMeta (name TEXT PRIMARY KEY);
CREATE TABLE ForgeMeta_forge_progress (name TEXT, step INTEGER);
CREATE TRIGGER meta_stamp AFTER INSERT ON ForgeMeta BEGIN SELECT 1; END;
)sql";

const std::string k_fts = "CREATE VIRTUAL TABLE docs USING fts5(body)";

class SqliteReadSchema : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteConnection> open(const std::string& file) {
    return std::make_unique<SqliteConnection>(sqlite_url(m_folder.path() / file));
  }
  static void run(core::Connection& connection, const std::string& sql) {
    for (const core::Statement& statement :
         core::split_sql(sql, core::SqlOrigin{"schema.sql", 1}, core::Dialect::sqlite)) {
      connection.execute(statement);
    }
  }
  // Builds the test database; says whether the virtual table could be made (fts5 is an
  // optional part of SQLite).
  bool build(core::Connection& connection) {
    run(connection, k_schema);
    try {
      connection.execute(core::Statement{k_fts, "schema.sql", 1});
      return true;
    } catch (const std::exception&) {
      return false;
    }
  }
  static core::Schema read(core::Connection& connection) {
    core::Schema schema = read_schema(connection, k_skip);
    core::canonicalize(schema);
    return schema;
  }
  static const core::SchemaTable* table(const core::Schema& schema, const std::string& name) {
    for (const core::SchemaTable& t : schema.tables) {
      if (t.name == name) return &t;
    }
    return nullptr;
  }
  static const core::SchemaColumn* column(const core::SchemaTable& table, const std::string& name) {
    for (const core::SchemaColumn& c : table.columns) {
      if (c.name == name) return &c;
    }
    return nullptr;
  }
  static std::vector<std::string> names(const std::vector<core::SchemaTable>& tables) {
    std::vector<std::string> out;
    for (const core::SchemaTable& t : tables) out.push_back(t.name);
    return out;
  }

  TempFolder m_folder;
};

TEST_F(SqliteReadSchema, ReadsTheTablesLeavingOutTheSkippedTableAndItsCompanion) {
  auto connection = open("source.sqlite3");
  build(*connection);

  const core::Schema schema = read(*connection);

  // No sqlite_sequence, no history table, no progress table, no fts5 shadow tables.
  EXPECT_THAT(names(schema.tables), ElementsAre("readings", "teams", "users"));
}

TEST_F(SqliteReadSchema, ReadsAnAutoincrementKeyANocaseCollationAndAnExpressionDefault) {
  auto connection = open("source.sqlite3");
  build(*connection);

  const core::Schema schema = read(*connection);

  const core::SchemaTable* teams = table(schema, "teams");
  ASSERT_NE(teams, nullptr);
  ASSERT_EQ(teams->columns.size(), 3U);
  const core::SchemaColumn& id = teams->columns[0];
  EXPECT_EQ(id.name, "id");
  EXPECT_EQ(id.type, "INTEGER");
  EXPECT_EQ(id.identity, "autoincrement");
  EXPECT_EQ(id.default_sql, std::nullopt);
  const core::SchemaColumn& name = teams->columns[1];
  EXPECT_EQ(name.name, "name");
  EXPECT_FALSE(name.nullable);
  EXPECT_EQ(name.collation, "NOCASE");
  EXPECT_EQ(name.identity, "");
  EXPECT_EQ(teams->columns[2].name, "created_at");
  EXPECT_THAT(teams->columns[2].default_sql, Optional(std::string("datetime('now')")));
  ASSERT_TRUE(teams->primary_key);
  EXPECT_THAT(teams->primary_key->columns, ElementsAre("id"));
  ASSERT_EQ(teams->uniques.size(), 1U);
  EXPECT_EQ(teams->uniques[0], (core::SchemaConstraint{"", {"name"}, ""}));
  EXPECT_EQ(teams->options, "");
}

TEST_F(SqliteReadSchema, ReadsStoredAndVirtualGeneratedColumnsInTableOrder) {
  auto connection = open("source.sqlite3");
  build(*connection);

  const core::Schema schema = read(*connection);

  const core::SchemaTable* users = table(schema, "users");
  ASSERT_NE(users, nullptr);
  std::vector<std::string> columns;
  for (const core::SchemaColumn& c : users->columns) columns.push_back(c.name);
  EXPECT_THAT(columns,
              ElementsAre("id", "email", "team_id", "score", "nickname", "doubled", "half"));
  const core::SchemaColumn* doubled = column(*users, "doubled");
  ASSERT_NE(doubled, nullptr);
  EXPECT_EQ(doubled->type, "INTEGER");
  EXPECT_THAT(doubled->generated, Optional(std::string("score * 2")));
  EXPECT_TRUE(doubled->generated_stored);
  const core::SchemaColumn* half = column(*users, "half");
  ASSERT_NE(half, nullptr);
  EXPECT_EQ(half->type, "REAL");
  EXPECT_THAT(half->generated, Optional(std::string("score / 2.0")));
  EXPECT_FALSE(half->generated_stored);
  const core::SchemaColumn* email = column(*users, "email");
  ASSERT_NE(email, nullptr);
  EXPECT_EQ(email->collation, "NOCASE");
  EXPECT_FALSE(email->nullable);
  const core::SchemaColumn* score = column(*users, "score");
  ASSERT_NE(score, nullptr);
  EXPECT_THAT(score->default_sql, Optional(std::string("0")));
  EXPECT_EQ(score->generated, std::nullopt);
  // A plain INTEGER PRIMARY KEY is the row id, not AUTOINCREMENT.
  EXPECT_EQ(column(*users, "id")->identity, "");
  ASSERT_TRUE(users->primary_key);
  EXPECT_THAT(users->primary_key->columns, ElementsAre("id"));
}

TEST_F(SqliteReadSchema, ReadsColumnAndTableChecksNamedAndUnnamedAndACompositeUnique) {
  auto connection = open("source.sqlite3");
  build(*connection);

  const core::Schema schema = read(*connection);

  const core::SchemaTable* users = table(schema, "users");
  ASSERT_NE(users, nullptr);
  EXPECT_THAT(users->checks,
              ElementsAre(core::SchemaConstraint{"", {}, "length(nickname) < 20"},
                          core::SchemaConstraint{"", {}, "score < 1000"},
                          core::SchemaConstraint{"email_has_at", {}, "email LIKE '%@%'"},
                          core::SchemaConstraint{"score_positive", {}, "score >= 0"}));
  EXPECT_THAT(users->uniques, ElementsAre(core::SchemaConstraint{"", {"email", "team_id"}, ""}));
}

TEST_F(SqliteReadSchema, ReadsAForeignKeyWithItsActions) {
  auto connection = open("source.sqlite3");
  build(*connection);

  const core::Schema schema = read(*connection);

  const core::SchemaTable* users = table(schema, "users");
  ASSERT_NE(users, nullptr);
  core::SchemaForeignKey expected;
  expected.columns = {"team_id"};
  expected.ref_table = "teams";
  expected.ref_columns = {"id"};
  expected.on_delete = "SET NULL";
  expected.on_update = "CASCADE";
  EXPECT_THAT(users->foreign_keys, ElementsAre(expected));
  EXPECT_THAT(table(schema, "teams")->foreign_keys, IsEmpty());
}

TEST_F(SqliteReadSchema, ReadsAnExpressionIndexWithDescAndAPartialIndex) {
  auto connection = open("source.sqlite3");
  build(*connection);

  const core::Schema schema = read(*connection);

  const core::SchemaTable* users = table(schema, "users");
  ASSERT_NE(users, nullptr);
  core::SchemaIndex expression;
  expression.name = "users_email_desc";
  expression.keys = {"lower(email) DESC", "score"};
  core::SchemaIndex partial;
  partial.name = "users_scored";
  partial.keys = {"score"};
  partial.where = "score IS NOT NULL";
  // The automatic indexes behind the key and the UNIQUE constraint are not listed.
  EXPECT_THAT(users->indexes, ElementsAre(expression, partial));
  EXPECT_THAT(table(schema, "teams")->indexes, IsEmpty());
}

TEST_F(SqliteReadSchema, ReadsAStrictTableWithACompositeKey) {
  auto connection = open("source.sqlite3");
  build(*connection);

  const core::Schema schema = read(*connection);

  const core::SchemaTable* readings = table(schema, "readings");
  ASSERT_NE(readings, nullptr);
  EXPECT_EQ(readings->options, "STRICT");
  ASSERT_TRUE(readings->primary_key);
  EXPECT_THAT(readings->primary_key->columns, ElementsAre("sensor", "at"));
  EXPECT_EQ(readings->columns[1].type, "INTEGER");
  EXPECT_FALSE(readings->columns[1].nullable);
  EXPECT_TRUE(readings->columns[2].nullable);
}

TEST_F(SqliteReadSchema, ReadsTheViewAndTheTriggerButNotATriggerOnASkippedTable) {
  auto connection = open("source.sqlite3");
  build(*connection);

  const core::Schema schema = read(*connection);

  EXPECT_THAT(
      schema.objects,
      ElementsAre(core::SchemaObject{"trigger", "users_stamp",
                                     "CREATE TRIGGER users_stamp AFTER UPDATE ON users BEGIN\n"
                                     "  UPDATE teams SET name = name WHERE id = NEW.team_id;\n"
                                     "END"},
                  core::SchemaObject{
                      "view", "ranked",
                      "CREATE VIEW ranked AS SELECT email, score FROM users ORDER BY score DESC"}));
}

TEST_F(SqliteReadSchema, ListsAVirtualTableAsUnmodeled) {
  auto connection = open("source.sqlite3");
  const bool has_fts5 = build(*connection);

  const core::Schema schema = read(*connection);

  if (has_fts5) {
    EXPECT_THAT(schema.unmodeled, ElementsAre("SQLite virtual table docs: " + k_fts));
  } else {
    // This SQLite was built without fts5: there is no virtual table to list.
    EXPECT_THAT(schema.unmodeled, IsEmpty());
  }
}

TEST_F(SqliteReadSchema, BuildingTheDumpInAnEmptyDatabaseReadsBackTheSameSchema) {
  auto source = open("source.sqlite3");
  const bool has_fts5 = build(*source);
  const core::Schema first = read(*source);
  const std::string dump = schema_sql(first);

  auto copy = open("copy.sqlite3");
  run(*copy, dump);
  const core::Schema second = read(*copy);

  // The dump lists what it cannot model as comments only: the copy has no virtual table.
  core::Schema expected = first;
  EXPECT_EQ(expected.unmodeled.size(), has_fts5 ? 1U : 0U);
  expected.unmodeled.clear();
  EXPECT_TRUE(second == expected) << "dump:\n"
                                  << dump << "\nfirst:\n"
                                  << core::schema_yaml(first) << "\nsecond:\n"
                                  << core::schema_yaml(second);
  EXPECT_EQ(core::schema_yaml(second), core::schema_yaml(expected));
  EXPECT_EQ(schema_sql(second), schema_sql(expected));
}

}  // namespace
}  // namespace forge::dialect::sqlite
