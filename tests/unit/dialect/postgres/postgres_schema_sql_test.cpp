// PostgreSQL's canonical schema dump of a hand-built schema: what each object becomes, and the
// order that loads into an empty database.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dialect/postgres/postgres_introspect.hpp"

namespace forge::dialect::postgres {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

core::SchemaColumn column(const std::string& name, const std::string& type, bool nullable = true) {
  core::SchemaColumn made;
  made.name = name;
  made.type = type;
  made.nullable = nullable;
  return made;
}

/// Two tables in `public` and `billing`, a serial, an identity, a foreign key, two views.
core::Schema shop() {
  core::Schema schema;
  schema.dialect = core::Dialect::postgres;
  core::SchemaTable users;
  users.name = "Users";
  users.columns.push_back(column("id", "integer", false));
  users.columns.back().default_sql = "nextval('\"Users_id_seq\"'::regclass)";
  users.columns.push_back(column("name", "character varying(100)"));
  users.columns.back().collation = "C";
  users.columns.back().comment = "it's shown";
  users.primary_key = core::SchemaConstraint{"Users_pkey", {"id"}, ""};
  users.checks.push_back({"name_check", {}, "(length((name)::text) > 0)"});
  users.uniques.push_back({"users_name_key", {"name"}, ""});
  users.indexes.push_back({"users_lower", false, {"(lower((name)::text))"}, "", ""});
  users.comment = "people";
  core::SchemaTable invoices;
  invoices.name = "billing.invoices";
  invoices.columns.push_back(column("id", "bigint", false));
  invoices.columns.back().identity = "always";
  invoices.columns.push_back(column("user_id", "integer"));
  invoices.columns.push_back(column("total", "numeric"));
  invoices.columns.back().generated = "(user_id * 2)";
  invoices.columns.back().generated_stored = true;
  invoices.foreign_keys.push_back(
      {"invoices_user_fk", {"user_id"}, "Users", {"id"}, "CASCADE", "SET NULL", true, true});
  invoices.indexes.push_back({"invoices_open", true, {"user_id", "id DESC"}, "(total > 0)", "gin"});
  schema.tables = {invoices, users};
  schema.objects = {
      {"schema", "billing", "CREATE SCHEMA IF NOT EXISTS billing"},
      {"view", "a_top", "CREATE VIEW a_top AS\n SELECT b_base.id\n   FROM b_base"},
      {"view", "b_base", "CREATE VIEW b_base AS\n SELECT \"Users\".id\n   FROM \"Users\""},
      {"enum", "mood", "CREATE TYPE mood AS ENUM ('sad', 'ok')"},
      {"trigger", "t on Users",
       "CREATE TRIGGER t BEFORE INSERT ON \"Users\" FOR EACH ROW "
       "EXECUTE FUNCTION f()"},
      {"function", "f()",
       "CREATE OR REPLACE FUNCTION public.f()\n RETURNS trigger\n LANGUAGE "
       "plpgsql\nAS $function$BEGIN RETURN NEW; END$function$"},
  };
  schema.unmodeled = {"PostgreSQL policy p on Users"};
  core::canonicalize(schema);
  return schema;
}

/// Where `needle` starts in `text` (npos when absent).
std::size_t at(const std::string& text, const std::string& needle) { return text.find(needle); }

TEST(PostgresSchemaSql, StartsWithTheHeaderAndListsWhatTheModelCannotHold) {
  const std::string sql = schema_sql(shop());

  EXPECT_THAT(sql, StartsWith("-- forge schema dump (postgres)\n"
                              "-- unmodeled: PostgreSQL policy p on Users\n"));
}

TEST(PostgresSchemaSql, WritesATableWithItsColumnsAndNamedConstraints) {
  const std::string sql = schema_sql(shop());

  EXPECT_THAT(sql, HasSubstr("\nCREATE TABLE \"Users\" (\n"
                             "  \"id\" integer NOT NULL DEFAULT "
                             "nextval('\"Users_id_seq\"'::regclass),\n"
                             "  \"name\" character varying(100) COLLATE \"C\",\n"
                             "  CONSTRAINT \"Users_pkey\" PRIMARY KEY (\"id\"),\n"
                             "  CONSTRAINT \"users_name_key\" UNIQUE (\"name\"),\n"
                             "  CONSTRAINT \"name_check\" CHECK ((length((name)::text) > 0))\n"
                             ");\n"));
  EXPECT_THAT(sql, HasSubstr("\nCREATE TABLE \"billing\".\"invoices\" (\n"
                             "  \"id\" bigint NOT NULL GENERATED ALWAYS AS IDENTITY,\n"
                             "  \"user_id\" integer,\n"
                             "  \"total\" numeric GENERATED ALWAYS AS ((user_id * 2)) STORED\n"
                             ");\n"));
}

// A serial's sequence is no object of the model: the dump makes it before its table and gives it
// to the column after, so that it reads back owned (and left out) again.
TEST(PostgresSchemaSql, MakesASerialsSequenceAndGivesItToItsColumn) {
  const std::string sql = schema_sql(shop());

  const std::size_t sequence = at(sql, "\nCREATE SEQUENCE \"Users_id_seq\" AS integer;\n");
  const std::size_t owned =
      at(sql, "\nALTER SEQUENCE \"Users_id_seq\" OWNED BY \"Users\".\"id\";\n");
  ASSERT_NE(sequence, std::string::npos) << sql;
  ASSERT_NE(owned, std::string::npos) << sql;
  EXPECT_LT(sequence, at(sql, "CREATE TABLE \"Users\""));
  EXPECT_GT(owned, at(sql, "CREATE TABLE \"Users\""));
}

TEST(PostgresSchemaSql, AFreeSequenceIsNotMadeTwice) {
  core::Schema schema = shop();
  schema.objects.push_back({"sequence", "Users_id_seq",
                            "CREATE SEQUENCE \"Users_id_seq\" AS "
                            "integer INCREMENT BY 1"});
  core::canonicalize(schema);

  const std::string sql = schema_sql(schema);

  EXPECT_THAT(sql, Not(HasSubstr("OWNED BY")));
  EXPECT_THAT(sql, HasSubstr("\nCREATE SEQUENCE \"Users_id_seq\" AS integer INCREMENT BY 1;\n"));
}

TEST(PostgresSchemaSql, AddsForeignKeysAfterEveryTable) {
  const std::string sql = schema_sql(shop());

  const std::size_t key = at(sql,
                             "\nALTER TABLE \"billing\".\"invoices\" ADD CONSTRAINT "
                             "\"invoices_user_fk\" FOREIGN KEY (\"user_id\") REFERENCES "
                             "\"Users\" (\"id\") ON UPDATE SET NULL ON DELETE CASCADE "
                             "DEFERRABLE INITIALLY DEFERRED;\n");
  ASSERT_NE(key, std::string::npos) << sql;
  EXPECT_GT(key, at(sql, "CREATE TABLE \"Users\""));
  EXPECT_GT(key, at(sql, "CREATE TABLE \"billing\".\"invoices\""));
}

TEST(PostgresSchemaSql, WritesIndexesAsCreateIndex) {
  const std::string sql = schema_sql(shop());

  EXPECT_THAT(sql, HasSubstr("\nCREATE UNIQUE INDEX \"invoices_open\" ON "
                             "\"billing\".\"invoices\" USING gin (user_id, id DESC) WHERE "
                             "(total > 0);\n"));
  EXPECT_THAT(sql, HasSubstr("\nCREATE INDEX \"users_lower\" ON \"Users\" "
                             "((lower((name)::text)));\n"));
}

TEST(PostgresSchemaSql, OrdersAViewAfterTheViewsItReads) {
  const std::string sql = schema_sql(shop());

  ASSERT_NE(at(sql, "CREATE VIEW a_top"), std::string::npos) << sql;
  EXPECT_LT(at(sql, "CREATE VIEW b_base"), at(sql, "CREATE VIEW a_top"));
}

TEST(PostgresSchemaSql, OrdersTheKindsSoTheyLoad) {
  const std::string sql = schema_sql(shop());

  EXPECT_LT(at(sql, "CREATE SCHEMA"), at(sql, "CREATE TYPE mood"));
  EXPECT_LT(at(sql, "CREATE TYPE mood"), at(sql, "CREATE OR REPLACE FUNCTION"));
  EXPECT_LT(at(sql, "CREATE OR REPLACE FUNCTION"), at(sql, "CREATE TABLE"));
  EXPECT_LT(at(sql, "CREATE INDEX"), at(sql, "CREATE VIEW"));
  EXPECT_LT(at(sql, "CREATE VIEW a_top"), at(sql, "CREATE TRIGGER"));
  EXPECT_THAT(sql, HasSubstr("$function$;\n"));
}

// A function with a table's row type in its signature, or a body parsed when made, comes after
// the tables; the others before them, for the defaults and checks that call them.
TEST(PostgresSchemaSql, WritesAFunctionThatNeedsATableAfterTheTables) {
  core::Schema schema = shop();
  schema.objects.push_back({"function", "users_named(text)",
                            "CREATE OR REPLACE FUNCTION public.users_named(n text)\n RETURNS "
                            "SETOF \"Users\"\n LANGUAGE sql\nAS $function$ SELECT 1 $function$"});
  schema.objects.push_back({"function", "user_count()",
                            "CREATE OR REPLACE FUNCTION public.user_count()\n RETURNS bigint\n "
                            "LANGUAGE sql\nBEGIN ATOMIC\n SELECT count(*) FROM \"Users\";\nEND"});
  core::canonicalize(schema);

  const std::string sql = schema_sql(schema);

  EXPECT_GT(at(sql, "FUNCTION public.users_named"), at(sql, "CREATE TABLE \"Users\""));
  EXPECT_GT(at(sql, "FUNCTION public.user_count"), at(sql, "CREATE TABLE \"Users\""));
  EXPECT_LT(at(sql, "FUNCTION public.f()"), at(sql, "CREATE TABLE"));
}

TEST(PostgresSchemaSql, WritesCommentsWithQuotesDoubled) {
  const std::string sql = schema_sql(shop());

  EXPECT_THAT(sql, HasSubstr("\nCOMMENT ON TABLE \"Users\" IS 'people';\n"));
  EXPECT_THAT(sql, HasSubstr("\nCOMMENT ON COLUMN \"Users\".\"name\" IS 'it''s shown';\n"));
}

TEST(PostgresSchemaSql, EqualSchemasGiveTheSameText) {
  core::Schema shuffled = shop();
  std::swap(shuffled.tables[0], shuffled.tables[1]);
  std::swap(shuffled.objects[0], shuffled.objects[3]);
  core::canonicalize(shuffled);

  EXPECT_EQ(schema_sql(shuffled), schema_sql(shop()));
}

}  // namespace
}  // namespace forge::dialect::postgres
