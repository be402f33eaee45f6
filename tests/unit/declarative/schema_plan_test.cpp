// The planner behind migration:generate --from-schema, on hand-built schemas: what each
// difference becomes, in which order, what is flagged destructive, and that the unit loads.
#include "declarative/schema_plan.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "declarative/loader.hpp"

namespace forge::declarative {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

core::SchemaColumn column(const std::string& name, const std::string& type, bool nullable = true) {
  core::SchemaColumn c;
  c.name = name;
  c.type = type;
  c.nullable = nullable;
  return c;
}

core::SchemaTable table(const std::string& name, std::vector<core::SchemaColumn> columns) {
  core::SchemaTable t;
  t.name = name;
  t.columns = std::move(columns);
  t.primary_key = core::SchemaConstraint{"", {t.columns.front().name}, ""};
  return t;
}

core::Schema schema(std::vector<core::SchemaTable> tables,
                    core::Dialect dialect = core::Dialect::postgres) {
  core::Schema s;
  s.dialect = dialect;
  s.tables = std::move(tables);
  core::canonicalize(s);
  return s;
}

core::SchemaTable users() {
  return table("users", {column("id", "integer", false), column("name", "character varying(40)")});
}

// The text between `up:` and `down:`, and after `down:`.
std::string up_of(const SchemaPlan& plan) {
  return plan.yaml.substr(plan.yaml.find("up:\n"),
                          plan.yaml.find("down:\n") - plan.yaml.find("up:\n"));
}
std::string down_of(const SchemaPlan& plan) { return plan.yaml.substr(plan.yaml.find("down:\n")); }

// The planned unit reads back as a declarative unit with both directions.
void expect_loads(const SchemaPlan& plan) {
  const DeclarativeUnit unit = load_declarative(plan.yaml, "plan.yaml");
  EXPECT_FALSE(unit.up.empty());
  EXPECT_TRUE(unit.down.has_value());
}

TEST(SchemaPlan, EqualSchemasPlanNothing) {
  const SchemaPlan plan = plan_schema_change(schema({users()}), schema({users()}), {});
  EXPECT_TRUE(plan.empty());
  EXPECT_THAT(plan.destructive, IsEmpty());
}

TEST(SchemaPlan, ANewTableIsCreatedWithNativeTypesAndDroppedInTheDown) {
  core::SchemaTable posts = table("posts", {column("id", "bigint", false), column("body", "text")});
  posts.columns[1].default_sql = "'none'::text";
  posts.foreign_keys.push_back({"posts_user_fk", {"id"}, "users", {"id"}, "CASCADE"});
  const SchemaPlan plan = plan_schema_change(schema({users()}), schema({users(), posts}), {});

  EXPECT_THAT(up_of(plan), HasSubstr("  - createTable:\n      table: \"posts\"\n      columns:\n"
                                     "        \"id\": { type: { postgres: \"bigint\" }, "
                                     "primaryKey: true }\n"
                                     "        \"body\": { type: { postgres: \"text\" }, "
                                     "defaultValue: { literal: \"'none'::text\" } }\n"));
  EXPECT_THAT(up_of(plan), HasSubstr("{ type: \"foreign key\", name: \"posts_user_fk\", fields: "
                                     "[\"id\"], references: { table: \"users\", column: \"id\" }, "
                                     "onDelete: \"CASCADE\" }"));
  EXPECT_THAT(down_of(plan), HasSubstr("# DESTRUCTIVE: drops table posts and its rows\n"
                                       "  - dropTable: { table: \"posts\" }\n"));
  EXPECT_THAT(plan.destructive, IsEmpty());
  expect_loads(plan);
}

TEST(SchemaPlan, SqlitesNullableIntegerKeyIsThePortableRowid) {
  const core::SchemaTable t = table("t", {column("id", "INTEGER"), column("x", "INTEGER", false)});
  const SchemaPlan plan =
      plan_schema_change(schema({}, core::Dialect::sqlite), schema({t}, core::Dialect::sqlite), {});
  EXPECT_THAT(up_of(plan), HasSubstr("\"id\": { type: INTEGER, primaryKey: true }\n"));
  EXPECT_THAT(up_of(plan), HasSubstr("\"x\": { type: { sqlite: \"INTEGER\" }, allowNull: false }"));
  expect_loads(plan);
}

TEST(SchemaPlan, ACompositeKeyIsAConstraint) {
  core::SchemaTable tags =
      table("tags", {column("a", "integer", false), column("b", "text", false)});
  tags.primary_key = core::SchemaConstraint{"tags_pkey", {"a", "b"}, ""};
  const SchemaPlan plan = plan_schema_change(schema({}), schema({tags}), {});
  EXPECT_THAT(up_of(plan), HasSubstr("- { type: \"primary key\", name: \"tags_pkey\", fields: "
                                     "[\"a\", \"b\"] }"));
  EXPECT_THAT(up_of(plan), Not(HasSubstr("primaryKey: true")));
  expect_loads(plan);
}

TEST(SchemaPlan, ADroppedTableIsFlaggedAndRecreatedWithItsIndexesInTheDown) {
  core::SchemaTable old = table("old", {column("id", "integer", false)});
  old.indexes.push_back({"old_id", false, {"id"}, "", ""});
  const SchemaPlan plan = plan_schema_change(schema({users(), old}), schema({users()}), {});

  EXPECT_THAT(up_of(plan), HasSubstr("  # DESTRUCTIVE: drops table old and its rows\n"
                                     "  - dropTable: { table: \"old\" }\n"));
  EXPECT_THAT(down_of(plan), HasSubstr("table: \"old\""));
  EXPECT_THAT(down_of(plan), HasSubstr("addIndex: { table: \"old\", name: \"old_id\""));
  EXPECT_THAT(plan.destructive, ElementsAre("drops table old and its rows"));
  expect_loads(plan);
}

TEST(SchemaPlan, ColumnsAreAddedRemovedAndChanged) {
  core::SchemaTable wanted = users();
  wanted.columns[1].type = "character varying(20)";  // narrower
  wanted.columns.push_back(column("email", "text"));
  core::SchemaTable had = users();
  had.columns.push_back(column("legacy", "text"));
  const SchemaPlan plan = plan_schema_change(schema({had}), schema({wanted}), {});

  const std::string up = up_of(plan);
  EXPECT_THAT(up, HasSubstr("  - addColumn: { table: \"users\", column: \"email\", type: { "
                            "postgres: \"text\" } }\n"));
  EXPECT_THAT(up, HasSubstr("  # DESTRUCTIVE: drops column users.legacy and its data\n"
                            "  - removeColumn: { table: \"users\", column: \"legacy\" }\n"));
  EXPECT_THAT(up, HasSubstr("  # DESTRUCTIVE: changes the type of users.name from character "
                            "varying(40) to character varying(20) (may lose data)\n"
                            "  - changeColumn: { table: \"users\", column: \"name\", type: { "
                            "postgres: \"character varying(20)\" } }\n"));
  EXPECT_THAT(down_of(plan), HasSubstr("  - changeColumn: { table: \"users\", column: \"name\", "
                                       "type: { postgres: \"character varying(40)\" } }\n"));
  EXPECT_THAT(down_of(plan), HasSubstr("  - addColumn: { table: \"users\", column: \"legacy\""));
  EXPECT_EQ(plan.destructive.size(), 2u);
  expect_loads(plan);
}

TEST(SchemaPlan, AWideningTypeChangeIsNotFlagged) {
  core::SchemaTable wanted = users();
  wanted.columns[0].type = "bigint";
  wanted.columns[1].type = "character varying(100)";
  const SchemaPlan plan = plan_schema_change(schema({users()}), schema({wanted}), {});
  EXPECT_THAT(plan.destructive, IsEmpty());
  EXPECT_THAT(up_of(plan), Not(HasSubstr("DESTRUCTIVE")));
  // Its down narrows back, and says so.
  EXPECT_THAT(down_of(plan), HasSubstr("# DESTRUCTIVE: changes the type of users.id back to "
                                       "integer (may lose data)"));
}

TEST(SchemaPlan, WideningIsOnlyWhatIsKnownToWiden) {
  EXPECT_TRUE(is_widening("integer", "bigint"));
  EXPECT_TRUE(is_widening("smallint", "INTEGER"));
  EXPECT_TRUE(is_widening("varchar(10)", "varchar(20)"));
  EXPECT_TRUE(is_widening("character varying(10)", "text"));
  EXPECT_FALSE(is_widening("bigint", "integer"));
  EXPECT_FALSE(is_widening("varchar(20)", "varchar(10)"));
  EXPECT_FALSE(is_widening("text", "varchar(10)"));
  EXPECT_FALSE(is_widening("integer", "text"));
  EXPECT_FALSE(is_widening("numeric(10,2)", "numeric(12,2)"));  // unknown: flagged
}

TEST(SchemaPlan, WithoutARenameARenamedColumnIsADropAndAnAdd) {
  core::SchemaTable wanted = users();
  wanted.columns[1].name = "full_name";
  const SchemaPlan plan = plan_schema_change(schema({users()}), schema({wanted}), {});
  EXPECT_THAT(up_of(plan), HasSubstr("addColumn: { table: \"users\", column: \"full_name\""));
  EXPECT_THAT(up_of(plan), HasSubstr("removeColumn: { table: \"users\", column: \"name\" }"));
  EXPECT_THAT(up_of(plan), Not(HasSubstr("rename")));
  EXPECT_THAT(plan.destructive, ElementsAre("drops column users.name and its data"));
}

TEST(SchemaPlan, RenamesComeFirstAndAreUndoneLast) {
  core::SchemaTable wanted = users();
  wanted.name = "people";
  wanted.columns[1].name = "full_name";
  wanted.indexes.push_back({"people_name", false, {"full_name"}, "", ""});
  core::SchemaTable had = users();
  had.indexes.push_back({"people_name", false, {"name"}, "", ""});
  const SchemaPlan plan = plan_schema_change(
      schema({had}), schema({wanted}),
      {parse_rename("users=people"), parse_rename("people.name=people.full_name")});

  EXPECT_EQ(up_of(plan),
            "up:\n  - renameTable: { from: \"users\", to: \"people\" }\n"
            "  - renameColumn: { table: \"people\", from: \"name\", to: \"full_name\" }\n");
  EXPECT_EQ(down_of(plan),
            "down:\n  - renameColumn: { table: \"people\", from: \"full_name\", to: \"name\" }\n"
            "  - renameTable: { from: \"people\", to: \"users\" }\n");
  EXPECT_THAT(plan.destructive, IsEmpty());
  expect_loads(plan);
}

TEST(SchemaPlan, ARenameOfWhatIsNotThereIsRefused) {
  EXPECT_THROW(
      plan_schema_change(schema({users()}), schema({users()}), {parse_rename("nope=users")}),
      UsageError);
  EXPECT_THROW(plan_schema_change(schema({users()}), schema({users()}),
                                  {parse_rename("users.name=users.nope")}),
               UsageError);
}

TEST(SchemaPlan, RenameValuesAreParsed) {
  const SchemaRename table = parse_rename("a=b");
  EXPECT_EQ(table.table, "");
  EXPECT_EQ(table.from, "a");
  EXPECT_EQ(table.to, "b");
  const SchemaRename col = parse_rename("t.a=t.b");
  EXPECT_EQ(col.table, "t");
  EXPECT_EQ(col.from, "a");
  EXPECT_EQ(col.to, "b");
  EXPECT_THROW(parse_rename("a"), UsageError);
  EXPECT_THROW(parse_rename("t.a=u.b"), UsageError);
  EXPECT_THROW(parse_rename("t.a=b"), UsageError);
}

TEST(SchemaPlan, IndexesAndConstraintsOnAnExistingTable) {
  core::SchemaTable wanted = users();
  wanted.indexes.push_back({"users_name", true, {"name"}, "", ""});
  wanted.indexes.push_back({"users_lower", false, {"lower(name)"}, "name IS NOT NULL", ""});
  wanted.uniques.push_back({"users_name_key", {"name"}, ""});
  wanted.checks.push_back({"users_name_check", {}, "(length(name) > 1)"});
  core::SchemaTable had = users();
  had.indexes.push_back({"users_old", false, {"name"}, "", ""});
  const SchemaPlan plan = plan_schema_change(schema({had}), schema({wanted}), {});

  const std::string up = up_of(plan);
  EXPECT_THAT(up, HasSubstr("  - removeIndex: { table: \"users\", name: \"users_old\" }\n"));
  EXPECT_THAT(up, HasSubstr("  - addIndex: { table: \"users\", name: \"users_name\", fields: "
                            "[\"name\"], unique: true }\n"));
  EXPECT_THAT(up, HasSubstr("  - sql: { postgres: \"CREATE INDEX \\\"users_lower\\\" ON "
                            "\\\"users\\\" (lower(name)) WHERE name IS NOT NULL\" }\n"));
  EXPECT_THAT(up, HasSubstr("  - addConstraint: { table: \"users\", type: unique, name: "
                            "\"users_name_key\", fields: [\"name\"] }\n"));
  EXPECT_THAT(up, HasSubstr("ADD CONSTRAINT \\\"users_name_check\\\" CHECK ((length(name) > 1))"));
  EXPECT_LT(up.find("removeIndex"), up.find("addIndex"));
  EXPECT_THAT(down_of(plan), HasSubstr("removeConstraint: { table: \"users\", name: "
                                       "\"users_name_key\" }"));
  EXPECT_THAT(down_of(plan), HasSubstr("addIndex: { table: \"users\", name: \"users_old\""));
  expect_loads(plan);
}

TEST(SchemaPlan, NewTablesComeAfterTheTablesTheyReference) {
  core::SchemaTable a = table("a_child", {column("id", "integer", false)});
  a.foreign_keys.push_back({"fk", {"id"}, "z_parent", {"id"}});
  core::SchemaTable z = table("z_parent", {column("id", "integer", false)});
  const SchemaPlan plan = plan_schema_change(schema({}), schema({a, z}), {});
  EXPECT_LT(plan.yaml.find("table: \"z_parent\""), plan.yaml.find("table: \"a_child\""));
}

TEST(SchemaPlan, ViewsAreSqlStepsDroppedFirstInTheDown) {
  core::Schema wanted = schema({users()});
  wanted.objects.push_back({"view", "names", "SELECT name FROM users"});
  const SchemaPlan plan = plan_schema_change(schema({}), wanted, {});
  EXPECT_THAT(
      up_of(plan),
      HasSubstr("  - sql: { postgres: \"CREATE VIEW names AS SELECT name FROM users\" }\n"));
  EXPECT_EQ(down_of(plan).find("down:\n  - sql: { postgres: \"DROP VIEW \\\"names\\\"\" }\n"), 0u);
  expect_loads(plan);
}

TEST(SchemaPlan, TypesAreMadeBeforeTheTablesThatUseThemAndDroppedAfter) {
  core::Schema wanted =
      schema({table("moods", {column("id", "integer", false), column("mood", "mood")})});
  wanted.objects.push_back({"enum", "mood", "CREATE TYPE mood AS ENUM ('sad', 'ok')"});
  wanted.objects.push_back({"trigger", "stamp on moods", "CREATE TRIGGER stamp ..."});
  const SchemaPlan plan = plan_schema_change(schema({}), wanted, {});
  const std::string up = up_of(plan);
  EXPECT_LT(up.find("CREATE TYPE mood"), up.find("createTable"));
  EXPECT_LT(up.find("createTable"), up.find("CREATE TRIGGER stamp"));
  const std::string down = down_of(plan);
  EXPECT_LT(down.find("DROP TRIGGER \\\"stamp\\\" ON \\\"moods\\\""), down.find("dropTable"));
  EXPECT_LT(down.find("dropTable"), down.find("DROP TYPE \\\"mood\\\""));
  expect_loads(plan);

  const SchemaPlan back = plan_schema_change(wanted, schema({}), {});
  EXPECT_LT(up_of(back).find("DROP TRIGGER"), up_of(back).find("dropTable"));
  EXPECT_LT(up_of(back).find("dropTable"), up_of(back).find("DROP TYPE"));
  EXPECT_THAT(back.destructive, ElementsAre("drops trigger stamp on moods",
                                            "drops table moods and its rows", "drops enum mood"));
}

TEST(SchemaPlan, AnEnumGivenMoreLabelsGainsThemInPlace) {
  core::Schema had = schema({});
  had.objects.push_back({"enum", "mood", "CREATE TYPE mood AS ENUM ('sad', 'it''s ok')"});
  core::Schema wanted = schema({});
  wanted.objects.push_back(
      {"enum", "mood", "CREATE TYPE mood AS ENUM ('new', 'sad', 'meh', 'it''s ok', 'happy')"});
  const SchemaPlan plan = plan_schema_change(had, wanted, {});
  EXPECT_THAT(
      up_of(plan),
      HasSubstr("ALTER TYPE \\\"mood\\\" ADD VALUE 'new' BEFORE 'sad'\" }\n"
                "  - sql: { postgres: \"ALTER TYPE \\\"mood\\\" ADD VALUE 'meh' AFTER 'sad'\" }\n"
                "  - sql: { postgres: \"ALTER TYPE \\\"mood\\\" ADD VALUE 'happy' AFTER "
                "'it''s ok'\" }\n"));
  EXPECT_THAT(up_of(plan), Not(HasSubstr("DROP TYPE")));
  EXPECT_THAT(plan.unsupported, ElementsAre("removing the labels added to enum mood in the down "
                                            "(PostgreSQL cannot remove enum labels)"));

  core::Schema reordered = schema({});
  reordered.objects.push_back({"enum", "mood", "CREATE TYPE mood AS ENUM ('it''s ok', 'sad')"});
  EXPECT_THAT(up_of(plan_schema_change(had, reordered, {})), HasSubstr("DROP TYPE"));
}

TEST(SchemaPlan, APrimaryKeyChangesByConstraintOnServers) {
  core::SchemaTable had = users();
  had.primary_key->name = "users_pkey";
  core::SchemaTable wanted = users();
  wanted.primary_key = core::SchemaConstraint{"users_pkey", {"id", "name"}, ""};
  const SchemaPlan plan = plan_schema_change(schema({had}), schema({wanted}), {});
  const std::string up = up_of(plan);
  EXPECT_LT(up.find("removeConstraint: { table: \"users\", name: \"users_pkey\" }"),
            up.find("addConstraint: { table: \"users\", type: \"primary key\", name: "
                    "\"users_pkey\", fields: [\"id\", \"name\"] }"));
  EXPECT_THAT(down_of(plan), HasSubstr("fields: [\"id\"] }"));
  expect_loads(plan);

  had.primary_key->name = "PRIMARY";
  wanted.primary_key->name = "PRIMARY";
  const SchemaPlan mysql = plan_schema_change(schema({had}, core::Dialect::mysql),
                                              schema({wanted}, core::Dialect::mysql), {});
  EXPECT_THAT(
      up_of(mysql),
      HasSubstr("type: \"primary key\", name: \"users_pkey\", fields: [\"id\", \"name\"] }"));
  EXPECT_THAT(plan_schema_change(schema({had}, core::Dialect::sqlite),
                                 schema({wanted}, core::Dialect::sqlite), {})
                  .unsupported,
              ElementsAre("changing the primary key of users (SQLite rebuilds the table for it)"));
}

TEST(SchemaPlan, AColumnMadeNotNullIsFlagged) {
  core::SchemaTable wanted = users();
  wanted.columns[1].nullable = false;
  const SchemaPlan plan = plan_schema_change(schema({users()}), schema({wanted}), {});
  EXPECT_THAT(plan.destructive,
              ElementsAre("makes users.name NOT NULL (fails while a row holds NULL there)"));
}

TEST(SchemaPlan, ATableCreateTableCannotSayIsMadeByItsSql) {
  core::SchemaTable events = table("events", {column("id", "bigint", false)});
  events.options = "PARTITION BY RANGE (id)";
  core::SchemaTable other = table("billing.invoices", {column("id", "integer", false)});
  const auto sql = [](const core::SchemaTable& t) {
    return "CREATE TABLE " + t.name + " (x int);\nCREATE INDEX i ON " + t.name + " (x);\n";
  };
  const SchemaPlan plan = plan_schema_change(schema({}), schema({events, other}), {}, sql);
  EXPECT_THAT(up_of(plan), HasSubstr("  - sql: { postgres: \"CREATE TABLE events (x int)\" }\n"
                                     "  - sql: { postgres: \"CREATE INDEX i ON events (x)\" }\n"));
  EXPECT_THAT(up_of(plan), HasSubstr("CREATE TABLE billing.invoices (x int)"));
  EXPECT_THAT(down_of(plan), HasSubstr("DROP TABLE \\\"billing\\\".\\\"invoices\\\""));
  EXPECT_THAT(up_of(plan), Not(HasSubstr("createTable")));

  core::SchemaTable changed = other;
  changed.columns.push_back(column("note", "text"));
  EXPECT_THAT(plan_schema_change(schema({other}), schema({changed}), {}, sql).unsupported,
              ElementsAre("changing billing.invoices"));
  EXPECT_THAT(plan_schema_change(schema({}), schema({other}), {}).unsupported,
              ElementsAre("making or dropping billing.invoices"));
}

TEST(SchemaPlan, AViewIsMadeAfterTheViewsItReadsAndDroppedBefore) {
  core::Schema wanted = schema({users()});
  wanted.objects.push_back({"view", "a_top", "CREATE VIEW a_top AS SELECT * FROM z_names"});
  wanted.objects.push_back({"view", "z_names", "CREATE VIEW z_names AS SELECT name FROM users"});
  wanted.objects.push_back({"trigger", "a_stamp on users", "CREATE TRIGGER a_stamp ... z_fn()"});
  wanted.objects.push_back({"function", "z_fn()", "CREATE FUNCTION public.z_fn() ..."});
  const SchemaPlan plan = plan_schema_change(schema({users()}), wanted, {});
  const std::string up = up_of(plan);
  EXPECT_LT(up.find("CREATE VIEW z_names"), up.find("CREATE VIEW a_top"));
  EXPECT_LT(up.find("CREATE FUNCTION"), up.find("CREATE TRIGGER"));
  const std::string back = up_of(plan_schema_change(wanted, schema({users()}), {}));
  EXPECT_LT(back.find("DROP VIEW \\\"a_top"), back.find("DROP VIEW \\\"z_names"));
  EXPECT_LT(back.find("DROP TRIGGER"), back.find("DROP FUNCTION"));
}

TEST(SchemaPlan, WhatTheUnitCannotSayIsListed) {
  core::SchemaTable wanted = users();
  wanted.checks.push_back({"", {}, "x > 0"});
  const SchemaPlan plan = plan_schema_change(schema({users()}, core::Dialect::sqlite),
                                             schema({wanted}, core::Dialect::sqlite), {});
  EXPECT_TRUE(plan.empty());
  EXPECT_THAT(plan.unsupported, ElementsAre("adding the check (x > 0) on users"));
}

}  // namespace
}  // namespace forge::declarative
