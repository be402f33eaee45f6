// Eight forge processes started at once on one database, as replicas of a container would:
// the migration lock lets each unit run exactly once.
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr int k_processes = 8;
constexpr int k_inserts = 5;

// A statement that keeps the database busy for a moment, so that the runs overlap: without
// the lock every process would read the history before the first one had recorded anything.
// SQLite has no sleep function: counting to six million takes it about a second.
std::string pause_sql(const std::string& dialect, double seconds) {
  if (dialect == "postgres") return "SELECT pg_sleep(" + std::to_string(seconds) + ");";
  if (dialect == "mysql") return "DO SLEEP(" + std::to_string(seconds) + ");";
  const std::string rows = std::to_string(static_cast<long>(seconds * 6000000));
  return "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " + rows +
         ") SELECT count(*) FROM c;";
}

class Replicas : public DialectTest {
 protected:
  // One unit creates a log table; each later unit adds one row, so a unit run twice shows.
  void SetUp() override {
    DialectTest::SetUp();
    add_unit("20240101000000-create-log",
             unit_sql("CREATE TABLE log (unit INTEGER NOT NULL);\n" + pause_sql(dialect(), 0.5),
                      "DROP TABLE log;"));
    for (int i = 1; i <= k_inserts; ++i) {
      const std::string n = std::to_string(i);
      add_unit("2024010100000" + n + "-insert-" + n,
               unit_sql("INSERT INTO log (unit) VALUES (" + n + ");\n" + pause_sql(dialect(), 0.1),
                        "DELETE FROM log WHERE unit = " + n + ";"));
    }
  }
};

TEST_P(Replicas, EightSimultaneousMigratesAllSucceedAndApplyEveryUnitExactlyOnce) {
  std::vector<std::unique_ptr<Process>> running;
  for (int i = 0; i < k_processes; ++i) {
    running.push_back(project.start_forge({"db:migrate", "--url", url()}));
  }
  std::vector<ProcessResult> results;
  for (auto& process : running) results.push_back(process->wait());

  std::size_t migrated_lines = 0;
  for (const auto& result : results) {
    EXPECT_EQ(result.exit_code, 0) << result;
    EXPECT_THAT(result.err, Not(HasSubstr("already exists"))) << result;
    migrated_lines += occurrences(result.out, ": migrated (");
  }
  EXPECT_EQ(migrated_lines, static_cast<std::size_t>(1 + k_inserts));
  EXPECT_EQ(db().history().size(), static_cast<std::size_t>(1 + k_inserts));
  EXPECT_EQ(db().count("log"), k_inserts);
  for (int i = 1; i <= k_inserts; ++i) {
    EXPECT_EQ(db().count("log WHERE unit = " + std::to_string(i)), 1) << "unit " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(AllDialects, Replicas, k_all_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
