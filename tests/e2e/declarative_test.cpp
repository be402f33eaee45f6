// Declarative units (.yaml, .yml, .json) run by the forge binary against SQLite files.
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// createTable at line 2, addColumn at line 7, addIndex at line 11; no down.
const std::string k_users = R"(up:
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
)";

std::string columns_of(const SqliteProbe& db, const std::string& table) {
  return db.scalar("SELECT group_concat(name, ',') FROM pragma_table_info('" + table + "')");
}

bool has_index(const SqliteProbe& db, const std::string& index) {
  return db.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '" + index +
                   "'") == "1";
}

class DeclarativeUnits : public ForgeTest {};

TEST_F(DeclarativeUnits, AYamlUnitCreatesTheTableColumnAndIndex) {
  project.write("migrations/20240101000001-create-users.yaml", k_users);

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("== 20240101000001-create-users: migrated")) << result;
  EXPECT_EQ(columns_of(db(), "users"), "id,name,email");
  EXPECT_TRUE(has_index(db(), "users_email_idx"));
  EXPECT_THAT(db().applied(), ElementsAre("20240101000001-create-users"));
}

TEST_F(DeclarativeUnits, UndoWithoutADownRevertsWhatTheUnitMadeNewestFirst) {
  project.write("migrations/20240101000001-create-users.yaml", k_users);
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto result = forge_db({"db:migrate:undo", "-v"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_FALSE(db().has_table("users"));
  EXPECT_FALSE(has_index(db(), "users_email_idx"));
  EXPECT_THAT(db().applied(), IsEmpty());
  // The index went with its table, which the unit created: no DROP INDEX of its own.
  EXPECT_EQ(position(result.err, "[SQL] DROP INDEX"), std::string::npos) << result;
  const auto rebuild = position(result.err, "[SQL] CREATE TABLE \"forge_new_");
  // The rebuild drops the old table too: the unit's own dropTable is the last one.
  const auto drop_table = result.err.rfind("[SQL] DROP TABLE \"users\"");
  ASSERT_NE(rebuild, std::string::npos) << "removing email rebuilds the table\n" << result;
  ASSERT_NE(drop_table, std::string::npos) << result;
  EXPECT_LT(rebuild, drop_table) << result;
}

TEST_F(DeclarativeUnits, CanBeMigratedAgainAfterTheDerivedUndo) {
  project.write("migrations/20240101000001-create-users.yaml", k_users);
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  ASSERT_EQ(forge_db({"db:migrate:undo"}).exit_code, 0);

  const auto again = forge_db({"db:migrate"});

  ASSERT_EQ(again.exit_code, 0) << again;
  EXPECT_EQ(columns_of(db(), "users"), "id,name,email");
}

TEST_F(DeclarativeUnits, YmlAndJsonUnitsRunBesideSqlOnesInVersionOrder) {
  project.write("migrations/20240101000001-first.yml",
                "up:\n  - createTable: { table: from_yml, columns: { id: INTEGER } }\n");
  add_table_unit("20240101000002", "second", "from_sql");
  project.write(
      "migrations/20240101000003-third.json",
      R"({"up": [{"createTable": {"table": "from_json", "columns": {"id": "INTEGER"}}}]})");

  const auto migrated = forge_db({"db:migrate"});

  ASSERT_EQ(migrated.exit_code, 0) << migrated;
  EXPECT_TRUE(db().has_table("from_yml"));
  EXPECT_TRUE(db().has_table("from_json"));
  EXPECT_THAT(db().applied(),
              ElementsAre("20240101000001-first", "20240101000002-second", "20240101000003-third"));
  EXPECT_LT(position(migrated.out, "first: migrated"), position(migrated.out, "second: migrated"));
  EXPECT_LT(position(migrated.out, "second: migrated"), position(migrated.out, "third: migrated"));

  const auto undone = forge_db({"db:migrate:undo:all"});

  ASSERT_EQ(undone.exit_code, 0) << undone;
  EXPECT_FALSE(db().has_table("from_yml"));
  EXPECT_FALSE(db().has_table("from_json"));
  EXPECT_THAT(db().applied(), IsEmpty());
}

TEST_F(DeclarativeUnits, AMysqlVariantBesideTheNeutralFileIsIgnoredOnSqlite) {
  project.write("migrations/20240101000001-create-t.yaml",
                "up:\n  - createTable: { table: neutral_t, columns: { id: INTEGER } }\n");
  project.write("migrations/20240101000001-create-t.mysql.yaml",
                "up:\n  - sql: \"CREATE TABLE mysql_t (id INT) ENGINE=InnoDB\"\n");

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(db().has_table("neutral_t"));
  EXPECT_FALSE(db().has_table("mysql_t"));
  EXPECT_THAT(db().applied(), ElementsAre("20240101000001-create-t"));
}

TEST_F(DeclarativeUnits, ASqliteVariantTakesThePlaceOfTheNeutralFile) {
  project.write("migrations/20240101000001-create-t.yaml",
                "up:\n  - createTable: { table: neutral_t, columns: { id: INTEGER } }\n");
  project.write("migrations/20240101000001-create-t.sqlite.yml",
                "up:\n  - createTable: { table: lite_t, columns: { id: INTEGER } }\n");

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(db().has_table("lite_t"));
  EXPECT_FALSE(db().has_table("neutral_t"));
}

// --- units that cannot be undone ---------------------------------------------------------

class IrreversibleUnit : public ForgeTest {
 protected:
  void SetUp() override {
    project.write("migrations/20240101000001-create-legacy.sql",
                  unit_sql("CREATE TABLE legacy (id INTEGER PRIMARY KEY, note TEXT);\n"
                           "INSERT INTO legacy VALUES (1, 'kept');",
                           "DROP TABLE legacy;"));
  }
  // Migrates everything, then tries `command`; returns its result and checks that nothing
  // in the database changed.
  ProcessResult refused(const std::string& command) {
    const auto migrated = forge_db({"db:migrate"});
    EXPECT_EQ(migrated.exit_code, 0) << migrated;
    const std::string before = db().schema_and_history();
    auto result = forge_db({command});
    EXPECT_EQ(db().schema_and_history(), before) << result;
    return result;
  }
};

TEST_F(IrreversibleUnit, WithDropTableAndNoDownIsRefusedNamingTheOperationAndWhereItIs) {
  project.write("migrations/20240101000002-drop-legacy.yaml",
                "# the old table goes\nup:\n  - dropTable: { table: legacy }\n");

  const auto result = refused("db:migrate:undo");

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, AllOf(HasSubstr("cannot undo 20240101000002-drop-legacy"),
                                HasSubstr("migrations/20240101000002-drop-legacy.yaml:3:5"),
                                HasSubstr("dropTable")))
      << result;
  EXPECT_THAT(result.out, Not(HasSubstr("reverting"))) << result;
  EXPECT_FALSE(db().has_table("legacy"));
  EXPECT_THAT(db().applied(),
              ElementsAre("20240101000001-create-legacy", "20240101000002-drop-legacy"));
}

TEST_F(IrreversibleUnit, WithRawSqlAndNoDownIsRefusedNamingTheOperation) {
  project.write("migrations/20240101000002-fix-notes.yaml",
                "up:\n  - addColumn: { table: legacy, column: extra, type: TEXT }\n"
                "  - sql: \"UPDATE legacy SET note = 'fixed'\"\n");

  const auto result = refused("db:migrate:undo");

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, AllOf(HasSubstr("migrations/20240101000002-fix-notes.yaml:3:5"),
                                HasSubstr("sql cannot be undone")))
      << result;
  EXPECT_EQ(db().scalar("SELECT note FROM legacy"), "fixed");
}

TEST_F(IrreversibleUnit, MakesUndoAllRefuseBeforeRevertingTheUnitsAroundIt) {
  project.write("migrations/20240101000002-drop-legacy.yaml",
                "up:\n  - dropTable: { table: legacy }\n");
  add_table_unit("20240101000003", "create-later", "later");

  const auto result = refused("db:migrate:undo:all");

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("dropTable")) << result;
  EXPECT_TRUE(db().has_table("later")) << "the newer, revertible unit must not be reverted";
}

// --- validation at load, before any connection ---------------------------------------------

struct InvalidUnit {
  const char* label;
  const char* yaml;
  const char* position;  // file:line:column the error must name
  const char* says;      // a word of the message
};

std::ostream& operator<<(std::ostream& os, const InvalidUnit& unit) { return os << unit.label; }

const std::string k_bad_file = "migrations/20240101000001-bad.yaml";
const std::string k_closed_mysql = "mysql://u:p@127.0.0.1:1/x";

class InvalidDeclarativeUnit : public ::testing::TestWithParam<InvalidUnit> {
 protected:
  Project project;
};

TEST_P(InvalidDeclarativeUnit, IsRefusedAtItsPositionBeforeTheSqliteFileIsCreated) {
  project.write(k_bad_file, GetParam().yaml);

  const auto result = project.forge({"db:migrate", "--url", k_url});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err,
              AllOf(HasSubstr(k_bad_file + ":" + GetParam().position), HasSubstr(GetParam().says)))
      << result;
  EXPECT_FALSE(project.exists(k_db)) << "nothing may be created for a unit that cannot load";
}

TEST_P(InvalidDeclarativeUnit, IsRefusedBeforeConnectingToAServer) {
  project.write(k_bad_file, GetParam().yaml);

  const auto result = project.forge({"db:migrate", "--url", k_closed_mysql});

  EXPECT_EQ(result.exit_code, 2) << "a file error, not a connection error (3)\n" << result;
  EXPECT_THAT(result.err, HasSubstr(k_bad_file + ":" + GetParam().position)) << result;
  EXPECT_THAT(result.err, Not(HasSubstr("127.0.0.1"))) << result;
}

INSTANTIATE_TEST_SUITE_P(
    Declarative, InvalidDeclarativeUnit,
    ::testing::Values(InvalidUnit{"BadType",
                                  "up:\n  - addColumn:\n      table: users\n      column: code\n"
                                  "      type: STRNG(50)\n",
                                  "5:13", "STRNG"},
                      InvalidUnit{"UnknownOperation",
                                  "up:\n  - addColum: { table: users, column: c, type: TEXT }\n",
                                  "2:5", "addColum"},
                      InvalidUnit{"UnknownOption",
                                  "up:\n  - addColumn:\n      table: users\n      column: code\n"
                                  "      type: TEXT\n      allowNul: true\n",
                                  "6:7", "allowNul"}),
    [](const ::testing::TestParamInfo<InvalidUnit>& info) {
      return std::string(info.param.label);
    });

TEST(PartialIndexOnMysql, IsRefusedAtTheWhereOptionBeforeConnecting) {
  Project project;
  project.write(k_bad_file,
                "up:\n  - addIndex:\n      table: orders\n      fields: [code]\n"
                "      name: orders_code_idx\n      where: { code: { ne: null } }\n");

  const auto result = project.forge({"db:migrate", "--url", k_closed_mysql});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, AllOf(HasSubstr(k_bad_file + ":6:7"), HasSubstr("partial"))) << result;
  EXPECT_THAT(result.err, Not(HasSubstr("127.0.0.1"))) << result;
}

TEST(PartialIndexOnMysql, IsFineOnSqlite) {
  Project project;
  project.write(
      "migrations/20240101000001-t.sql",
      unit_sql("CREATE TABLE orders (id INTEGER PRIMARY KEY, code TEXT);", "DROP TABLE orders;"));
  project.write("migrations/20240101000002-idx.yaml",
                "up:\n  - addIndex:\n      table: orders\n      fields: [code]\n"
                "      name: orders_code_idx\n      where: { code: { ne: null } }\n");

  const auto result = project.forge({"db:migrate", "--url", k_url});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(SqliteProbe(project.path(k_db))
                  .scalar("SELECT sql FROM sqlite_master WHERE name = 'orders_code_idx'"),
              HasSubstr("WHERE"));
}

// --- options SQLite ignores ----------------------------------------------------------------

class IgnoredOption : public ForgeTest {
 protected:
  void SetUp() override {
    add_table_unit("20240101000001", "create-orders", "orders");
    project.write("migrations/20240101000002-add-status.yaml",
                  "up:\n  - addColumn:\n      table: orders\n      column: status\n"
                  "      type: STRING(20)\n      after: id\n");
  }
};

TEST_F(IgnoredOption, IsNotedWithVerbose) {
  const auto result = forge_db({"db:migrate", "-v"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, AllOf(HasSubstr("20240101000002-add-status.yaml:6:7"),
                                HasSubstr("after is ignored on sqlite")))
      << result;
  EXPECT_THAT(result.out, Not(HasSubstr("ignored"))) << "diagnostics go to stderr";
}

TEST_F(IgnoredOption, IsNotMentionedWithoutVerbose) {
  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, Not(HasSubstr("ignored"))) << result;
  EXPECT_THAT(result.out, Not(HasSubstr("ignored"))) << result;
  EXPECT_EQ(columns_of(db(), "orders"), "id,status");
}

// --- changeColumn: SQLite's table rebuild ----------------------------------------------------

class ChangeColumn : public ForgeTest {
 protected:
  void SetUp() override {
    project.write(
        "migrations/20240101000001-create-items.sql",
        unit_sql("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL,\n"
                 "  qty INTEGER, note TEXT DEFAULT 'none');\n"
                 "CREATE INDEX items_name_idx ON items (name);\n"
                 "CREATE UNIQUE INDEX items_note_qty_idx ON items (note, qty);\n"
                 "INSERT INTO items VALUES (1, 'apple', 3, 'fresh'), (2, 'pear', NULL, NULL),\n"
                 "  (7, 'fig', 0, 'dried');",
                 "DROP TABLE items;"));
    const auto first = forge_db({"db:migrate"});
    ASSERT_EQ(first.exit_code, 0) << first;
    rows_before = db().rows("items");
    indexes_before = index_sql();
  }
  std::string index_sql() const {
    return db().scalar(
        "SELECT group_concat(name || ': ' || sql, char(10)) FROM "
        "(SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items' "
        "AND sql IS NOT NULL ORDER BY name)");
  }
  static constexpr const char* k_change = R"(up:
  - changeColumn:
      table: items
      column: qty
      type: BIGINT
      allowNull: true
      defaultValue: 0
)";
  std::string rows_before, indexes_before;
};

TEST_F(ChangeColumn, KeepsEveryRowValueAndIndexOfTheTable) {
  project.write("migrations/20240101000002-widen-qty.yaml",
                std::string(k_change) +
                    "down:\n  - changeColumn: { table: items, column: qty, type: INTEGER }\n");

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(db().rows("items"), rows_before);
  EXPECT_EQ(index_sql(), indexes_before);
  EXPECT_THAT(indexes_before, AllOf(HasSubstr("items_name_idx"), HasSubstr("items_note_qty_idx")));
  EXPECT_EQ(
      db().scalar("SELECT type || ' ' || ifnull(dflt_value, '-') FROM pragma_table_info('items') "
                  "WHERE name = 'qty'"),
      "BIGINT 0");
  EXPECT_EQ(db().scalar("SELECT count(*) FROM sqlite_master WHERE name LIKE 'forge_new_%'"), "0");
  EXPECT_EQ(db().scalar("SELECT count(*) FROM pragma_foreign_key_check"), "0");

  const auto undone = forge_db({"db:migrate:undo"});
  ASSERT_EQ(undone.exit_code, 0) << undone;
  EXPECT_EQ(db().rows("items"), rows_before);
  EXPECT_EQ(index_sql(), indexes_before);
}

TEST_F(ChangeColumn, IsRolledBackWithTheWholeUnitWhenALaterOperationFails) {
  const std::string before = db().schema_and_history();
  project.write(
      "migrations/20240101000002-widen-then-fail.yaml",
      std::string(k_change) + "  - sql: \"THIS IS NOT SQL\"\ndown:\n  - sql: \"SELECT 1\"\n");

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("20240101000002-widen-then-fail.yaml:8")) << result;
  EXPECT_EQ(db().schema_and_history(), before);
  EXPECT_EQ(db().rows("items"), rows_before);
  EXPECT_EQ(db().scalar("SELECT type FROM pragma_table_info('items') WHERE name = 'qty'"),
            "INTEGER");
}

TEST_F(ChangeColumn, IsRolledBackWhenALaterOperationOnAnotherTableFailsAtRunTime) {
  const std::string before = db().schema_and_history();
  project.write("migrations/20240101000002-widen-then-fail.yaml",
                std::string(k_change) +
                    "  - sql: \"INSERT INTO no_such_table VALUES (1)\"\n"
                    "down:\n  - sql: \"SELECT 1\"\n");

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("no_such_table")) << result;
  EXPECT_EQ(db().schema_and_history(), before);
  EXPECT_EQ(db().rows("items"), rows_before);
}

}  // namespace
}  // namespace forge::e2e
