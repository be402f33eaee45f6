// Reading db:schema:dump's YAML back: what schema_yaml writes reads back equal, and malformed
// input is refused at file:line:column.
#include "declarative/schema_reader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "core/schema_yaml.hpp"

namespace forge::declarative {
namespace {

using ::testing::HasSubstr;

std::string error_of(const std::string& text) {
  try {
    read_schema_yaml(text, "want.yaml");
  } catch (const MigrationFileError& e) {
    return e.what();
  }
  return "(no error)";
}

core::Schema sample() {
  core::Schema s;
  s.dialect = core::Dialect::postgres;
  core::SchemaTable t;
  t.name = "books";
  t.comment = "the \"books\"";
  core::SchemaColumn id;
  id.name = "id";
  id.type = "bigint";
  id.nullable = false;
  id.identity = "by default";
  core::SchemaColumn title;
  title.name = "title";
  title.type = "character varying(100)";
  title.default_sql = "'untitled'::character varying";
  title.collation = "C";
  core::SchemaColumn words;
  words.name = "words";
  words.type = "integer";
  words.generated = "length(title)";
  words.generated_stored = true;
  t.columns = {id, title, words};
  t.primary_key = core::SchemaConstraint{"books_pkey", {"id"}, ""};
  t.uniques.push_back({"books_title_key", {"title"}, ""});
  t.checks.push_back({"books_check", {}, "(words > 0)"});
  t.foreign_keys.push_back(
      {"books_fk", {"id"}, "authors", {"id"}, "CASCADE", "SET NULL", true, true});
  t.indexes.push_back({"books_lower", true, {"lower(title)", "id DESC"}, "id > 0", "btree"});
  s.tables.push_back(t);
  s.objects.push_back({"view", "titles", "SELECT title FROM books"});
  s.unmodeled.push_back("PostgreSQL policy p on books");
  core::canonicalize(s);
  return s;
}

TEST(SchemaReader, ReadsBackWhatTheDumpWrites) {
  const core::Schema schema = sample();
  const core::Schema read = read_schema_yaml(core::schema_yaml(schema), "want.yaml");
  EXPECT_TRUE(read == schema);
  EXPECT_EQ(core::schema_yaml(read), core::schema_yaml(schema));
}

TEST(SchemaReader, ReadsAnEmptySchema) {
  core::Schema empty;
  empty.dialect = core::Dialect::sqlite;
  const core::Schema read = read_schema_yaml(core::schema_yaml(empty), "want.yaml");
  EXPECT_TRUE(read == empty);
  EXPECT_EQ(read.dialect, core::Dialect::sqlite);
}

TEST(SchemaReader, RefusesMalformedInputWhereItIsWritten) {
  EXPECT_THAT(error_of("dialect: sqlite\ntables:\n  t:\n    columns:\n      id: { typ: x }\n"),
              HasSubstr("want.yaml:5:"));
  EXPECT_THAT(error_of("dialect: sqlite\ntables:\n  t:\n    columns:\n      id: { typ: x }\n"),
              HasSubstr("has no option 'typ' (did you mean 'type'?)"));
  EXPECT_THAT(error_of("dialect: oracle\n"), HasSubstr("want.yaml:1:10: unknown dialect 'oracle'"));
  EXPECT_THAT(error_of("tables: {}\n"), HasSubstr("needs 'dialect'"));
  EXPECT_THAT(error_of("dialect: sqlite\ntables: [1]\n"),
              HasSubstr("want.yaml:2:9: tables must be a map"));
  EXPECT_THAT(
      error_of("dialect: sqlite\ntables:\n  t: {columns: {a: {type: x, notNull: maybe}}}\n"),
      HasSubstr("true or false"));
  EXPECT_THAT(error_of("dialect: [sqlite\n"), HasSubstr("want.yaml:"));
}

}  // namespace
}  // namespace forge::declarative
