// PostgreSQL's concurrent index builds, interrupted: the server keeps the index's catalog entry
// as an INVALID index, and running the statement again would fail with "already exists". Before
// a CREATE INDEX CONCURRENTLY (or REINDEX ... CONCURRENTLY) forge drops such a leftover of the
// same name, with a warning, and touches nothing else: no valid index, no other invalid one.
#include <chrono>
#include <thread>

#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// The table and a key function that sleeps half a second per row while `slow_mode` has a row
// (a lie to the planner: it reads a table, yet says IMMUTABLE, which an index needs).
const char* k_table_and_slow_key = R"(-- forge:up
CREATE TABLE names (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO names SELECT g, 'name ' || (g % 3) FROM generate_series(1, 10) AS g;
CREATE TABLE slow_mode (on_ BOOLEAN);
CREATE FUNCTION slow_key(value TEXT) RETURNS TEXT LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM slow_mode) THEN PERFORM pg_sleep(0.5); END IF;
  RETURN value;
END
$$;

-- forge:down
DROP FUNCTION slow_key(TEXT);
DROP TABLE slow_mode;
DROP TABLE names;
)";

class PostgresLeftoverIndex : public DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    add_unit("1-create-names", k_table_and_slow_key);
  }

  // "true", "false", or "" when there is no such index.
  std::string validity(const std::string& index) const {
    return db().scalar("SELECT indisvalid::text FROM pg_index WHERE indexrelid = to_regclass('" +
                       index + "')");
  }
  std::string oid_of(const std::string& index) const {
    return db().scalar("SELECT to_regclass('" + index + "')::oid::text");
  }
  bool running(const std::string& query_start) const {
    return db().scalar(
               "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
               "AND state = 'active' AND query LIKE '" +
               query_start + "%'") != "0";
  }
  bool other_sessions() const {
    return db().scalar(
               "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
               "AND pid <> pg_backend_pid()") != "0";
  }
  // An INVALID index named `index` on names(name), as a failed concurrent build leaves one.
  void make_invalid_index(const std::string& index) const {
    try {
      db().execute("CREATE UNIQUE INDEX CONCURRENTLY " + index + " ON names (name)");
    } catch (const std::exception&) {
      // duplicate key: the build fails, its index stays behind, invalid
    }
  }
};

TEST_P(PostgresLeftoverIndex, AForgeKilledDuringCreateIndexConcurrentlyIsFinishedByTheNextMigrate) {
  add_unit("2-index-names", unit_sql("CREATE INDEX CONCURRENTLY names_key_idx ON names "
                                     "(slow_key(name));",
                                     "DROP INDEX CONCURRENTLY names_key_idx;"));
  ASSERT_EQ(forge_db({"db:migrate", "--to", "1-create-names"}).exit_code, 0);
  db().execute("INSERT INTO slow_mode VALUES (true)");  // the build now takes five seconds

  auto running_forge = project.start_forge({"db:migrate", "--url", url()});
  ASSERT_TRUE(eventually([&] { return running("CREATE INDEX CONCURRENTLY"); }, 20s));
  std::this_thread::sleep_for(500ms);  // into the build, past the catalog entry's commit
  running_forge.reset();               // SIGKILL
  ASSERT_TRUE(eventually([&] { return !other_sessions(); }, 10s))
      << "the server kept the killed forge's session";
  ASSERT_EQ(validity("names_key_idx"), "false") << "the interrupted build left no invalid index";
  db().execute("DELETE FROM slow_mode");

  const auto rerun = forge_db({"db:migrate"});

  ASSERT_EQ(rerun.exit_code, 0) << rerun;
  EXPECT_THAT(rerun.err, HasSubstr("migrations/2-index-names.sql:2")) << rerun;
  EXPECT_THAT(rerun.err, HasSubstr("dropping the invalid index public.names_key_idx")) << rerun;
  EXPECT_EQ(validity("names_key_idx"), "true");
  EXPECT_THAT(db().history(), ElementsAre("1-create-names", "2-index-names"));
  EXPECT_EQ(db().state("2-index-names"), "applied");
}

TEST_P(PostgresLeftoverIndex, AnotherInvalidIndexOnTheTableIsLeftAlone) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  make_invalid_index("names_by_hand_idx");
  ASSERT_EQ(validity("names_by_hand_idx"), "false");
  add_unit("2-index-names", unit_sql("CREATE INDEX CONCURRENTLY names_name_idx ON names (name);",
                                     "DROP INDEX CONCURRENTLY names_name_idx;"));

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, Not(HasSubstr("dropping"))) << result;
  EXPECT_EQ(validity("names_by_hand_idx"), "false");
  EXPECT_EQ(validity("names_name_idx"), "true");
}

TEST_P(PostgresLeftoverIndex, AValidIndexOfTheSameNameIsNeverDropped) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  db().execute("CREATE INDEX names_name_idx ON names (name)");
  const std::string oid = oid_of("names_name_idx");
  add_unit("2-index-names",
           unit_sql("CREATE INDEX CONCURRENTLY IF NOT EXISTS names_name_idx ON names (name);",
                    "DROP INDEX CONCURRENTLY names_name_idx;"));

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, Not(HasSubstr("dropping"))) << result;
  EXPECT_EQ(oid_of("names_name_idx"), oid) << "the valid index was dropped and built again";
}

TEST_P(PostgresLeftoverIndex, ReindexConcurrentlyDropsTheCopiesAnInterruptedReindexLeft) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  db().execute("CREATE INDEX names_name_idx ON names (name)");
  make_invalid_index("names_name_idx_ccnew");
  make_invalid_index("names_name_idx_ccold1");
  make_invalid_index("names_name_idx_other");
  add_unit("2-reindex", unit_sql("REINDEX INDEX CONCURRENTLY names_name_idx;", "SELECT 1;"));

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, HasSubstr("dropping the invalid index public.names_name_idx_ccnew"))
      << result;
  EXPECT_EQ(validity("names_name_idx_ccnew"), "");
  EXPECT_EQ(validity("names_name_idx_ccold1"), "");
  EXPECT_EQ(validity("names_name_idx_other"), "false");
  EXPECT_EQ(validity("names_name_idx"), "true");
}

INSTANTIATE_TEST_SUITE_P(Postgres, PostgresLeftoverIndex, ::testing::Values("postgres"),
                         dialect_name);

}  // namespace
}  // namespace forge::e2e
