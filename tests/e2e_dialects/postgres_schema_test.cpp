// PostgreSQL's schema read from the catalog and dumped: the same database reads the same, two
// databases built alike dump alike, and the dump loaded into an empty database dumps the same
// again; the history tables are left out and what the model cannot hold is listed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/sql_splitter.hpp"
#include "dialect/schema_io.hpp"
#include "rich_postgres_schema.hpp"
#include "test_database.hpp"

namespace forge::e2e {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

/// Runs every statement of `sql` on `database`.
void load(const forge::testing::TestDatabase& database, const std::string& sql) {
  const auto connection = database.connect();
  for (const core::Statement& statement :
       core::split_sql(sql, core::SqlOrigin{"schema.sql", 1}, core::Dialect::postgres))
    connection->execute(statement);
}

/// `database`'s schema, the history table `ForgeMeta` left out.
core::Schema schema_of(const forge::testing::TestDatabase& database) {
  const auto connection = database.connect();
  return dialect::read_schema(*connection, {"public.ForgeMeta", "public.ForgeMeta_forge_progress"});
}

class PostgresSchema : public ::testing::Test {
 protected:
  void SetUp() override { load(m_database, k_rich_schema); }

  forge::testing::TestDatabase m_database{"postgres"};
};

TEST_F(PostgresSchema, ReadsTheSameTwice) {
  EXPECT_EQ(schema_of(m_database), schema_of(m_database));
}

TEST_F(PostgresSchema, ReadsEveryKindOfObject) {
  const core::Schema schema = schema_of(m_database);
  const std::string sql = dialect::schema_sql(schema);

  EXPECT_THAT(sql, HasSubstr("\"name\" character varying(100) COLLATE \"C\" DEFAULT "
                             "'anon'::character varying"))
      << sql;
  EXPECT_THAT(sql, HasSubstr("\"id\" bigint NOT NULL GENERATED ALWAYS AS IDENTITY")) << sql;
  EXPECT_THAT(sql, HasSubstr("\"total\" numeric GENERATED ALWAYS AS (((qty)::numeric * price)) "
                             "STORED"))
      << sql;
  EXPECT_THAT(sql, HasSubstr("REFERENCES \"Users\" (\"id\") ON UPDATE SET NULL ON DELETE CASCADE "
                             "DEFERRABLE INITIALLY DEFERRED;"))
      << sql;
  EXPECT_THAT(sql, HasSubstr("CREATE INDEX \"orders_open\" ON \"orders\" (user_id, price DESC) "
                             "WHERE (qty > 0);"))
      << sql;
  EXPECT_THAT(sql, HasSubstr("CREATE INDEX \"users_lower_email\" ON \"Users\" ((lower(email)));"))
      << sql;
  EXPECT_THAT(sql, HasSubstr("USING gin (name gin_trgm_ops);")) << sql;
  EXPECT_THAT(sql, HasSubstr("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');")) << sql;
  EXPECT_THAT(sql, HasSubstr("CREATE TYPE billing.state AS ENUM ('open', 'paid');")) << sql;
  EXPECT_THAT(sql, HasSubstr("CREATE SEQUENCE ticket_no AS bigint INCREMENT BY 5")) << sql;
  EXPECT_THAT(sql, HasSubstr("CREATE EXTENSION IF NOT EXISTS \"pg_trgm\";")) << sql;
  EXPECT_THAT(sql, HasSubstr("CREATE TRIGGER users_touch BEFORE INSERT ON \"Users\"")) << sql;
  EXPECT_THAT(sql, HasSubstr("COMMENT ON COLUMN \"Users\".\"email\" IS 'login, it''s unique';"))
      << sql;
  EXPECT_THAT(sql, HasSubstr("\n) PARTITION BY RANGE (at);")) << sql;
  EXPECT_THAT(sql, HasSubstr("\n) WITH (fillfactor=80);")) << sql;
  EXPECT_THAT(sql, HasSubstr("ON \"events\" (at NULLS FIRST);")) << sql;
  EXPECT_THAT(sql, HasSubstr("CREATE UNIQUE INDEX \"users_name_scored\" ON \"Users\" (name COLLATE "
                             "\"POSIX\", created DESC NULLS LAST) WHERE (score > (0)::numeric);"))
      << sql;
  EXPECT_THAT(sql, HasSubstr("CREATE OR REPLACE PROCEDURE billing.settle(IN invoice integer)"))
      << sql;
  EXPECT_LT(sql.find("CREATE VIEW big_spenders"), sql.find("CREATE VIEW billing.open_invoices"));
  EXPECT_THAT(schema.objects, Contains(core::SchemaObject{
                                  "trigger", "invoices_touch on billing.invoices",
                                  "CREATE TRIGGER invoices_touch BEFORE UPDATE ON billing.invoices "
                                  "FOR EACH ROW EXECUTE FUNCTION touch_created()"}));
  EXPECT_THAT(schema.objects, Contains(::testing::Field(&core::SchemaObject::name,
                                                        "billing.add(integer, integer)")));
  EXPECT_THAT(schema.unmodeled, Contains("PostgreSQL partition events_2024 of events FOR VALUES "
                                         "FROM ('2024-01-01') TO ('2025-01-01')"));
  EXPECT_THAT(schema.unmodeled, Contains("PostgreSQL comment on view public.big_orders"));
  EXPECT_THAT(schema.unmodeled, Contains("PostgreSQL policy own_orders on orders"));
  EXPECT_THAT(schema.unmodeled, Contains("PostgreSQL row level security on orders"));
}

// The history table and its companion are no part of the schema.
TEST_F(PostgresSchema, LeavesOutTheHistoryTables) {
  const core::Schema schema = schema_of(m_database);

  for (const core::SchemaTable& table : schema.tables) {
    EXPECT_NE(table.name, "ForgeMeta");
    EXPECT_NE(table.name, "ForgeMeta_forge_progress");
  }
  EXPECT_THAT(dialect::schema_sql(schema), Not(HasSubstr("ForgeMeta")));
}

TEST_F(PostgresSchema, TwoDatabasesBuiltAlikeDumpAlike) {
  forge::testing::TestDatabase other("postgres");
  load(other, k_rich_schema);

  EXPECT_EQ(dialect::schema_sql(schema_of(other)), dialect::schema_sql(schema_of(m_database)));
}

// The dump loads into an empty database, which then dumps the same text; the lines the model
// cannot hold are comments in the dump, so they do not come back.
TEST_F(PostgresSchema, TheDumpLoadedDumpsTheSame) {
  core::Schema original = schema_of(m_database);
  const std::string dump = dialect::schema_sql(original);
  forge::testing::TestDatabase copy("postgres");

  load(copy, dump);

  original.unmodeled.clear();
  EXPECT_EQ(dialect::schema_sql(schema_of(copy)), dialect::schema_sql(original));
  const std::string again = dialect::schema_sql(schema_of(copy));
  forge::testing::TestDatabase second("postgres");
  load(second, again);
  EXPECT_EQ(dialect::schema_sql(schema_of(second)), again);
}

// Names that need quoting, a serial outside the current schema, a table without columns.
TEST_F(PostgresSchema, NamesThatNeedQuotingLoadBack) {
  forge::testing::TestDatabase odd("postgres");
  load(odd, R"sql(
CREATE SCHEMA "Sales";
CREATE TYPE "Sales"."Mood" AS ENUM ('it''s fine', 'Meh');
CREATE TABLE "Sales"."Order Items" (
  "Id" serial PRIMARY KEY,
  "the mood" "Sales"."Mood",
  "a.b" text UNIQUE DEFERRABLE,
  CONSTRAINT "Odd ""check""" CHECK ("a.b" <> '')
);
CREATE INDEX "By Mood" ON "Sales"."Order Items" ("the mood", upper("a.b"));
CREATE TABLE "Sales"."Empty" ();
CREATE VIEW "Sales"."Order View" AS SELECT "Id" FROM "Sales"."Order Items";
CREATE VIEW "Top" AS SELECT * FROM "Sales"."Order View";
COMMENT ON TABLE "Sales"."Empty" IS 'nothing';
)sql");
  core::Schema original = schema_of(odd);
  forge::testing::TestDatabase copy("postgres");

  load(copy, dialect::schema_sql(original));

  EXPECT_THAT(original.unmodeled,
              Contains(HasSubstr("deferrable constraint \"Order Items_a.b_key\"")));
  original.unmodeled.clear();
  EXPECT_EQ(dialect::schema_sql(schema_of(copy)), dialect::schema_sql(original));
}

}  // namespace
}  // namespace forge::e2e
