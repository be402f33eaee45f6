// Every validation error the loader reports, each at its file:line:column.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "load_helpers.hpp"

namespace forge::declarative {
namespace {

using testing::at;
using testing::error_of;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

TEST(LoaderErrors, AreMigrationFileErrorsWithFileLineColumnAndAHint) {
  try {
    testing::load("up:\n  - dropTable: { tabel: t }\n");
    FAIL() << "no error";
  } catch (const MigrationFileError& e) {
    EXPECT_EQ(e.file(), testing::k_file);
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.column(), 18);
    EXPECT_FALSE(e.hint().empty());
    EXPECT_EQ(e.exit_code(), ExitCode::usage);
  }
}

TEST(LoaderErrors, NameAnUnknownOperationAndTheNearestOne) {
  const std::string message = error_of("up:\n  - addColum: { table: t }\n");
  EXPECT_THAT(message, StartsWith(at(2, 5) + "unknown operation 'addColum' (did you mean "
                                             "'addColumn'?); the operations are 'createTable', "));
  EXPECT_THAT(message, HasSubstr("'sql'"));
  EXPECT_THAT(error_of("up:\n  - alterTable: { table: t }\n"),
              StartsWith(at(2, 5) + "unknown operation 'alterTable'"));
}

TEST(LoaderErrors, NameAnUnknownOptionAndTheOptionsThereAre) {
  const std::string message = error_of(R"(up:
  - addColumn:
      table: orders
      column: note
      type: TEXT
      allowNul: true
)");
  EXPECT_THAT(message, StartsWith(at(6, 7) + "addColumn has no option 'allowNul' (did you mean "
                                             "'allowNull'?); its options are 'table', 'column', "));
  EXPECT_THAT(error_of("up:\n  - renameTable: { table: a, to: b }\n"),
              StartsWith(at(2, 20) + "renameTable has no option 'table'; its options are 'from', "
                                     "'to'"));
}

TEST(LoaderErrors, NameAMissingRequiredFieldAtTheOperation) {
  EXPECT_THAT(error_of("up:\n  - addColumn: { table: t, column: c }\n"),
              StartsWith(at(2, 5) + "addColumn needs 'type'"));
  EXPECT_THAT(error_of("up:\n  - removeColumn: { column: c }\n"),
              StartsWith(at(2, 5) + "removeColumn needs 'table'"));
  EXPECT_THAT(error_of("up:\n  - addIndex: { table: t, fields: [a] }\n"),
              StartsWith(at(2, 5) + "addIndex needs 'name'"));
  EXPECT_THAT(error_of("up:\n  - bulkInsert: { table: t }\n"),
              StartsWith(at(2, 5) + "bulkInsert needs 'rows'"));
  EXPECT_THAT(error_of("up:\n  - bulkDelete: { table: t }\n"),
              StartsWith(at(2, 5) + "bulkDelete needs 'where'"));
  EXPECT_THAT(error_of("up:\n  - renameColumn: { table: t, from: a }\n"),
              StartsWith(at(2, 5) + "renameColumn needs 'to'"));
}

TEST(LoaderErrors, NameAFieldOfTheWrongTypeAtItsValue) {
  EXPECT_THAT(error_of("up:\n  - addColumn: { table: t, column: c, type: TEXT, allowNull: yes }\n"),
              StartsWith(at(2, 62) + "allowNull of addColumn must be true or false, not 'yes'"));
  EXPECT_THAT(error_of("up:\n  - addIndex: { table: t, name: i, fields: [a], unique: 'true' }\n"),
              StartsWith(at(2, 57) + "unique of addIndex must be true or false"));
  EXPECT_THAT(error_of("up:\n  - dropTable: { table: [a, b] }\n"),
              StartsWith(at(2, 25) + "table of dropTable must be a name, not a list"));
  EXPECT_THAT(error_of("up:\n  - dropTable: { table: }\n"),
              StartsWith(at(2, 18) + "table of dropTable must be a name, not nothing (null)"));
  EXPECT_THAT(error_of("up:\n  - addIndex: { table: t, name: i, fields: a }\n"),
              StartsWith(at(2, 44) + "fields of addIndex must be a list of columns"));
  EXPECT_THAT(
      error_of("up:\n  - addColumn: { table: t, column: c, type: [TEXT] }\n"),
      StartsWith(at(2, 45) +
                 "type of addColumn must be a type like STRING(50) or one per database like "
                 "{postgres: INET, sqlite: TEXT}, not a list"));
  EXPECT_THAT(error_of("up:\n  - addColumn: { table: t, column: c, type: TEXT, comment: [x] }\n"),
              StartsWith(at(2, 60) + "comment of addColumn must be text"));
}

TEST(LoaderErrors, NameABadTypeStringAtTheType) {
  EXPECT_THAT(error_of(R"(up:
  - addColumn:
      table: t
      column: c
      type: VARCHAR(50)
)"),
              StartsWith(at(5, 13) + "unknown type 'VARCHAR(50)' (the portable spelling is "
                                     "STRING(n))"));
  EXPECT_THAT(error_of("up:\n  - addColumn: { table: t, column: c, type: DECIMAL }\n"),
              StartsWith(at(2, 45) + "DECIMAL needs its precision and scale"));
}

TEST(LoaderErrors, ReportInvalidYamlAtYamlCppsPosition) {
  EXPECT_THAT(error_of("up:\n  - addColumn: { table: t\n  - dropTable: {}\n"),
              StartsWith(testing::k_file + ":3:"));
  EXPECT_THAT(error_of("up:\n  - addColumn: { table: t\n"), HasSubstr("invalid YAML"));
  EXPECT_THAT(error_of("up:\n\t- dropTable: { table: t }\n"), HasSubstr("invalid YAML"));
}

TEST(LoaderErrors, ExplainAnItemThatIsNotAOneKeyMap) {
  EXPECT_THAT(error_of("up:\n  - addColumn:\n    table: t\n"),
              StartsWith(at(2, 5) + "each item of up is one operation, a one-key map"));
  EXPECT_THAT(error_of("up:\n  - addColumn:\n    table: t\n"),
              HasSubstr("found a map with keys addColumn, table (indent the fields under the "
                        "operation's name)"));
  EXPECT_THAT(error_of("up:\n  - dropTable\n"), HasSubstr("found 'dropTable'"));
  EXPECT_THAT(error_of("up:\n  - {}\n"), HasSubstr("found an empty map"));
  EXPECT_THAT(error_of("up: [a]\ndown:\n  - [b]\n"), StartsWith(at(1, 6) + "each item of up"));
}

TEST(LoaderErrors, ExplainAnOperationWithoutAMapOfFields) {
  EXPECT_THAT(error_of("up:\n  - dropTable: users\n"),
              StartsWith(at(2, 16) + "dropTable takes a map of options ('table'), not 'users'"));
  EXPECT_THAT(error_of("up:\n  - dropTable:\n"),
              StartsWith(at(2, 5) + "dropTable takes a map of options"));
}

TEST(LoaderErrors, CheckTheTopLevel) {
  EXPECT_THAT(error_of(""), StartsWith(at(1, 1) + "the unit is empty"));
  EXPECT_THAT(error_of("# nothing\n"), StartsWith(at(1, 1) + "the unit is empty"));
  EXPECT_THAT(error_of("down: []\n"), StartsWith(at(1, 1) + "the unit needs 'up'"));
  EXPECT_THAT(error_of("up:\n  - dropTable: { table: t }\ndwon: []\n"),
              StartsWith(at(3, 1) + "the unit has no option 'dwon' (did you mean 'down'?)"));
  EXPECT_THAT(error_of("- dropTable: { table: t }\n"),
              StartsWith(at(1, 1) + "the unit takes a map of options ('up', 'down'), not a list"));
  EXPECT_THAT(error_of("up: []\n"), StartsWith(at(1, 5) + "up lists no operations"));
  EXPECT_THAT(error_of("up:\n"), StartsWith(at(1, 1) + "up must be a list of operations"));
  EXPECT_THAT(error_of("up:\n  dropTable: { table: t }\n"),
              StartsWith(at(2, 3) + "up must be a list of operations"));
  EXPECT_THAT(error_of("up: [{ dropTable: { table: t } }]\ndown:\n"),
              HasSubstr("write down: [] when there is nothing to undo"));
}

TEST(LoaderErrors, CheckTheDownListLikeTheUpList) {
  EXPECT_THAT(
      error_of("up: [{ dropTable: { table: t } }]\ndown:\n  - createTabel: {}\n"),
      StartsWith(at(3, 5) + "unknown operation 'createTabel' (did you mean 'createTable'?)"));
}

TEST(LoaderErrors, RefuseAfterTogetherWithFirst) {
  EXPECT_THAT(
      error_of("up:\n  - addColumn: { table: t, column: c, type: TEXT, after: a, first: true }\n"),
      StartsWith(at(2, 61) + "addColumn takes after or first, not both"));
}

TEST(LoaderErrors, RefuseRenamesToTheSameName) {
  EXPECT_THAT(error_of("up:\n  - renameTable: { from: a, to: a }\n"),
              StartsWith(at(2, 29) + "renameTable from and to are the same name"));
  EXPECT_THAT(error_of("up:\n  - renameColumn: { table: t, from: a, to: a }\n"),
              HasSubstr("renameColumn from and to are the same name"));
}

// The error of a createTable of t whose one column c has `attributes`.
std::string column_error(const std::string& attributes) {
  return error_of(
      "up:\n  - createTable:\n      table: t\n      columns:\n        c: " + attributes + "\n");
}

TEST(LoaderErrors, CheckFunctionsAndLiteralsInDefaultsAndRows) {
  EXPECT_THAT(column_error("{ type: DATE, defaultValue: { fn: UUID } }"),
              StartsWith(at(5, 46) + "fn in defaultValue of column 'c' of t must be NOW or "
                                     "CURRENT_TIMESTAMP (other SQL goes in {literal: \"...\"}), "
                                     "not 'UUID'"));
  EXPECT_THAT(column_error("{ type: INTEGER, defaultValue: { fn: NOW } }"),
              HasSubstr("defaultValue of INTEGER column 'c' must be a value of its type (fn gives "
                        "a timestamp), not {fn: NOW}"));
  EXPECT_THAT(column_error("{ type: DATE, defaultValue: { literal: '' } }"),
              HasSubstr("literal in defaultValue of column 'c' of t must be SQL text"));
  EXPECT_THAT(column_error("{ type: DATE, defaultValue: { fn: NOW, literal: x } }"),
              HasSubstr("must be a single value, {fn: NOW} or {literal: \"SQL text\"}"));
  EXPECT_THAT(error_of("up:\n  - bulkInsert: { table: t, rows: [{ a: { now: true } }] }\n"),
              HasSubstr("'a' in row 1 of bulkInsert must be a single value, {fn: NOW} or"));
  EXPECT_THAT(error_of("up:\n  - bulkDelete: { table: t, where: { a: { fn: NOW } } }\n"),
              Not(HasSubstr("(no error)")));  // where takes plain values only
}

TEST(LoaderErrors, CheckColumnAttributes) {
  EXPECT_THAT(column_error("{ type: INTEGER, defaultValue: abc }"),
              StartsWith(at(5, 43) + "defaultValue of INTEGER column 'c' must be a whole number, "
                                     "not 'abc'"));
  EXPECT_THAT(column_error("{ type: BOOLEAN, defaultValue: 1 }"),
              HasSubstr("must be true or false"));
  EXPECT_THAT(column_error("{ type: 'DECIMAL(5,2)', defaultValue: x }"),
              HasSubstr("must be a number"));
  EXPECT_THAT(column_error("{ type: DECIMAL(5,2), defaultValue: 1 }"),
              HasSubstr("a comma inside { } ends the value: quote it, e.g. type: 'DECIMAL(10,2)'"));
  EXPECT_THAT(column_error("{ type: STRING(2), defaultValue: abc }"),
              HasSubstr("must be text of at most 2 characters"));
  EXPECT_THAT(column_error("{ type: STRING(2), defaultValue: 12 }"), HasSubstr("quote it"));
  EXPECT_THAT(column_error("{ type: \"ENUM('a','b')\", defaultValue: c }"),
              HasSubstr("must be one of the ENUM's values"));
  EXPECT_THAT(column_error("{ type: DATE, defaultValue: 5 }"),
              HasSubstr("quoted text, NOW or {fn: NOW}"));
  EXPECT_THAT(column_error("{ type: INTEGER, NOW: 1 }"), HasSubstr("has no option 'NOW'"));
  EXPECT_THAT(column_error("{ type: INTEGER, defaultValue: NOW }"),
              HasSubstr("must be a whole number, not 'NOW'"));
  EXPECT_THAT(column_error("{ type: TEXT, allowNull: false, defaultValue: null }"),
              HasSubstr("has allowNull: false, so its default cannot be null"));
  EXPECT_THAT(column_error("{ type: INTEGER, primaryKey: true, allowNull: true }"),
              StartsWith(at(5, 47) + "primary key column 'c' cannot allow null"));
  EXPECT_THAT(column_error("{ type: TEXT, primaryKey: true, autoIncrement: true }"),
              StartsWith(at(5, 44) + "autoIncrement needs INTEGER, BIGINT or SMALLINT"));
  EXPECT_THAT(column_error("{ type: INTEGER, primaryKey: true, autoIncrement: true, "
                           "defaultValue: 1 }"),
              HasSubstr("has autoIncrement, so it takes no defaultValue"));
  EXPECT_THAT(column_error("{ type: INTEGER, onDelete: CASCADE }"),
              StartsWith(at(5, 29) + "onDelete needs references: { table, column }"));
  EXPECT_THAT(column_error("{ type: INTEGER, allowNull: false, references: { table: u, column: id "
                           "}, onDelete: SET NULL }"),
              HasSubstr("SET NULL needs a column that allows null"));
  EXPECT_THAT(column_error("{ type: INTEGER, references: { table: u, column: id }, onDelete: "
                           "DELETE }"),
              HasSubstr("onDelete of column 'c' of t must be CASCADE, SET NULL, SET DEFAULT, "
                        "RESTRICT or NO ACTION, not 'DELETE'"));
  EXPECT_THAT(column_error("{ type: INTEGER, references: { table: u, key: id } }"),
              HasSubstr("references of column 'c' has no option 'key'"));
  EXPECT_THAT(column_error("{ type: INTEGER, references: { table: u } }"),
              HasSubstr("references of column 'c' needs 'column'"));
  EXPECT_THAT(column_error("{ type: TEXT, values: [a] }"),
              HasSubstr("values belongs to type: ENUM only"));
  EXPECT_THAT(column_error("{ type: ENUM, values: [] }"),
              HasSubstr("a list with at least one item"));
  EXPECT_THAT(column_error("{ type: ENUM, values: [a, [b]] }"),
              HasSubstr("each ENUM value must be text"));
  EXPECT_THAT(column_error("[TEXT]"), HasSubstr("column 'c' of t takes a map of options"));
}

TEST(LoaderErrors, CheckAddIndexOptions) {
  const auto index_error = [](const std::string& options) {
    return error_of("up:\n  - addIndex: { table: t, name: i, " + options + " }\n");
  };
  EXPECT_THAT(index_error("fields: [a, a]"),
              StartsWith(at(2, 48) + "column 'a' is listed twice in fields of addIndex"));
  EXPECT_THAT(index_error("fields: []"), HasSubstr("fields of addIndex must be a list of columns"));
  EXPECT_THAT(index_error("fields: [a], using: BITMAP"),
              StartsWith(at(2, 56) + "using of addIndex must be BTREE, HASH, GIST, SPGIST, GIN or "
                                     "BRIN, not 'BITMAP'"));
  EXPECT_THAT(index_error("fields: [{ name: a, order: DOWN }]"),
              HasSubstr("order of field 1 of addIndex must be ASC or DESC, not 'DOWN'"));
  EXPECT_THAT(index_error("fields: [{ name: a, length: 0 }]"),
              HasSubstr("length of field 1 of addIndex must be a whole number of 1 or more"));
  EXPECT_THAT(index_error("fields: [{ column: a }]"),
              HasSubstr("field 1 of addIndex has no option 'column'; its options are 'name', "));
  EXPECT_THAT(index_error("fields: [a], where: {}"), HasSubstr("where of addIndex is empty"));
  EXPECT_THAT(index_error("fields: [a], type: FULLTEXT"), HasSubstr("has no option 'type'"));
  EXPECT_THAT(index_error("fields: [a], concurrently: 1"), HasSubstr("must be true or false"));
}

TEST(LoaderErrors, CheckConstraintOptions) {
  const auto constraint_error = [](const std::string& options) {
    return error_of("up:\n  - addConstraint: { table: t, " + options + " }\n");
  };
  EXPECT_THAT(constraint_error("type: unique, fields: [a]"),
              StartsWith(at(2, 5) + "addConstraint needs 'name'"));
  EXPECT_THAT(constraint_error("name: k, fields: [a]"), HasSubstr("addConstraint needs 'type'"));
  EXPECT_THAT(constraint_error("name: k, type: index, fields: [a]"),
              StartsWith(at(2, 47) + "type of addConstraint must be unique, check, foreign key or "
                                     "primary key, not 'index'"));
  EXPECT_THAT(constraint_error("name: k, type: unique"), HasSubstr("addConstraint needs 'fields'"));
  EXPECT_THAT(constraint_error("name: k, type: check, fields: [a]"),
              HasSubstr("addConstraint needs 'where'"));
  EXPECT_THAT(constraint_error("name: k, type: unique, fields: [a], where: { a: 1 }"),
              StartsWith(at(2, 68) + "where belongs to type: check constraints only"));
  EXPECT_THAT(constraint_error("name: k, type: unique, fields: [a], onDelete: CASCADE"),
              HasSubstr("onDelete belongs to type: foreign key constraints only"));
  EXPECT_THAT(constraint_error("name: k, type: foreign key, fields: [a]"),
              HasSubstr("addConstraint needs 'references'"));
  EXPECT_THAT(constraint_error("name: k, type: foreign key, fields: [a, b], references: { table: "
                               "u, column: id }"),
              HasSubstr("the foreign key has 2 field(s) but references 1 column(s)"));
  EXPECT_THAT(constraint_error("name: k, type: foreign key, fields: [a], references: { table: u, "
                               "column: id, columns: [id] }"),
              HasSubstr("references takes column or columns, not both"));
  EXPECT_THAT(constraint_error("name: k, type: unique, fields: [a, a]"),
              HasSubstr("'a' is listed twice in fields of addConstraint"));
}

TEST(LoaderErrors, CheckBulkInsertRows) {
  EXPECT_THAT(error_of("up:\n  - bulkInsert: { table: t, rows: [] }\n"),
              StartsWith(at(2, 35) + "rows of bulkInsert must be a list with at least one item"));
  EXPECT_THAT(error_of("up:\n  - bulkInsert: { table: t, rows: [{ a: 1 }, { b: 2 }] }\n"),
              StartsWith(at(2, 46) + "row 2 of bulkInsert does not name the first row's columns; "
                                     "missing 'a'; extra 'b'"));
  EXPECT_THAT(error_of("up:\n  - bulkInsert: { table: t, rows: [a] }\n"),
              HasSubstr("row 1 of bulkInsert must be a map of column: value, not 'a'"));
  EXPECT_THAT(error_of("up:\n  - bulkInsert: { table: t, rows: [{ a: [1] }] }\n"),
              StartsWith(at(2, 41) + "'a' in row 1 of bulkInsert must be a single value"));
  EXPECT_THAT(error_of("up:\n  - bulkInsert: { table: t, rows: [{ a: { b: 1 } }] }\n"),
              HasSubstr("must be a single value"));
}

TEST(LoaderErrors, CheckSql) {
  EXPECT_THAT(error_of("up:\n  - sql: { oracle: SELECT 1 }\n"),
              StartsWith(at(2, 12) + "sql has no dialect 'oracle'; write the SQL as text, or under "
                                     "sqlite, postgres or mysql"));
  EXPECT_THAT(error_of("up:\n  - sql: { postgres: SELECT 1, postgresql: SELECT 2 }\n"),
              HasSubstr("sql gives postgres twice"));
  EXPECT_THAT(error_of("up:\n  - sql:\n"), StartsWith(at(2, 5) + "sql must be the SQL text"));
  EXPECT_THAT(error_of("up:\n  - sql: [a, b]\n"),
              HasSubstr("sql must be the SQL text, not a list"));
  EXPECT_THAT(error_of("up:\n  - sql: {}\n"), HasSubstr("at least one dialect"));
  EXPECT_THAT(error_of("up:\n  - sql: { mysql: [x] }\n"),
              HasSubstr("sql for mysql must be the SQL text"));
}

}  // namespace
}  // namespace forge::declarative
