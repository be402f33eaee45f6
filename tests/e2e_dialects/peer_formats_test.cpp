// Migration sets written for goose and Flyway, on the servers: goose's StatementBegin/End
// blocks hold bodies a client must not split (PL/pgSQL, MySQL procedures without DELIMITER),
// NO TRANSACTION lets CREATE INDEX CONCURRENTLY run, and Flyway's V/U files run in version order.
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;

class PeerFormats : public DialectTest {};

// A function (PostgreSQL) or procedure (MySQL) whose body holds `;`, behind StatementBegin.
std::string goose_routine(const std::string& dialect) {
  if (dialect == "postgres") {
    return "-- +goose StatementBegin\n"
           "CREATE FUNCTION add_one(x integer) RETURNS integer AS $$\n"
           "BEGIN\n"
           "  RETURN x + 1;\n"
           "END;\n"
           "$$ LANGUAGE plpgsql;\n"
           "-- +goose StatementEnd\n";
  }
  return "-- +goose StatementBegin\n"
         "CREATE FUNCTION add_one(x INT) RETURNS INT DETERMINISTIC\n"
         "BEGIN\n"
         "  DECLARE y INT;\n"
         "  SET y = x + 1;\n"
         "  RETURN y;\n"
         "END;\n"
         "-- +goose StatementEnd\n";
}

TEST_P(PeerFormats, GooseUnitsWithStatementBlocksMigrateAndUndo) {
  project.write("migrations/00001_create_users.sql",
                "-- +goose Up\n" + create_table("users") + "\n" + goose_routine(dialect()) +
                    "\n-- +goose Down\nDROP FUNCTION add_one;\nDROP TABLE users;\n");

  const auto up = forge_db({"db:migrate"});

  ASSERT_EQ(up.exit_code, 0) << up;
  EXPECT_EQ(db().scalar("SELECT add_one(41)"), "42");
  const auto down = forge_db({"db:migrate:undo"});
  ASSERT_EQ(down.exit_code, 0) << down;
  EXPECT_FALSE(db().has_table("users"));
}

// CREATE INDEX CONCURRENTLY is PostgreSQL's, and refused inside a transaction.
class PostgresPeerFormats : public DialectTest {};

TEST_P(PostgresPeerFormats, AGooseUnitBuildingAnIndexConcurrentlyMigratesAndUndoes) {
  project.write("migrations/00001_create_users.sql",
                "-- +goose Up\n" + create_table("users") + "\n-- +goose Down\nDROP TABLE users;\n");
  project.write("migrations/00002_index_users.sql",
                "-- +goose NO TRANSACTION\n-- +goose Up\n"
                "CREATE INDEX CONCURRENTLY users_id_idx ON users (id);\n"
                "-- +goose Down\nDROP INDEX CONCURRENTLY users_id_idx;\n");

  const auto up = forge_db({"db:migrate"});

  ASSERT_EQ(up.exit_code, 0) << up;
  EXPECT_EQ(db().scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_id_idx'"), "1");
  ASSERT_EQ(forge_db({"db:migrate:undo"}).exit_code, 0);
  EXPECT_EQ(db().scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_id_idx'"), "0");
}

TEST_P(PeerFormats, FlywayVersionedAndUndoFilesRunInVersionOrder) {
  project.write("migrations/V1__create_users.sql", create_table("users"));
  project.write("migrations/U1__create_users.sql", "DROP TABLE users;");
  project.write("migrations/V1_1__add_email.sql", "ALTER TABLE users ADD email VARCHAR(100);");
  project.write("migrations/U1_1__add_email.sql", "ALTER TABLE users DROP COLUMN email;");

  const auto up = forge_db({"db:migrate"});

  ASSERT_EQ(up.exit_code, 0) << up;
  EXPECT_THAT(lines_of(forge_db({"db:migrate:status"}).out),
              ElementsAre("up V1__create_users", "up V1_1__add_email"));
  const auto down = forge_db({"db:migrate:undo:all"});
  ASSERT_EQ(down.exit_code, 0) << down;
  EXPECT_FALSE(db().has_table("users"));
}

INSTANTIATE_TEST_SUITE_P(Servers, PeerFormats, k_server_dialects, dialect_name);
INSTANTIATE_TEST_SUITE_P(Postgres, PostgresPeerFormats, ::testing::Values("postgres"),
                         dialect_name);

}  // namespace
}  // namespace forge::e2e
