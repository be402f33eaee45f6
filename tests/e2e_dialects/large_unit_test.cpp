// A unit large enough to stream (FORGE_STREAM_MIN_BYTES lowers the size from which units do),
// SQL or a declarative bulkInsert, runs, fails and undoes on every dialect as a unit read whole
// does.
#include <chrono>

#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

const EnvChanges k_stream_all = {{"FORGE_STREAM_MIN_BYTES", "1"}};

std::string inserts(int first, int last) {
  std::string text;
  for (int i = first; i <= last; ++i) {
    text += "INSERT INTO events (id, payload) VALUES (" + std::to_string(i) + ", 'it''s event; " +
            std::to_string(i) + "');\n";
  }
  return text;
}

class StreamedUnit : public DialectTest {};

TEST_P(StreamedUnit, AppliesAndUndoesAsAUnitReadWhole) {
  add_unit("20240101000001-events",
           "-- migrate:up\nCREATE TABLE events (id INTEGER PRIMARY KEY, payload VARCHAR(100));\n" +
               inserts(1, 3000) + "-- migrate:down\nDROP TABLE events;\n");

  const auto result = forge_db({"db:migrate"}, k_stream_all);

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(db().count("events"), 3000);
  EXPECT_EQ(db().scalar("SELECT payload FROM events WHERE id = 2999"), "it's event; 2999");
  const auto undo = forge_db({"db:migrate:undo"}, k_stream_all);
  ASSERT_EQ(undo.exit_code, 0) << undo;
  EXPECT_FALSE(db().has_table("events"));
}

TEST_P(StreamedUnit, AStatementFailingPartWayKeepsNothingAndNamesItsLine) {
  add_table_unit("20240101000001", "create-t", "t");
  add_unit("20240101000002-events",
           "-- migrate:up\nCREATE TABLE events (id INTEGER PRIMARY KEY, payload VARCHAR(100));\n"
           "-- migrate:down\nDROP TABLE events;\n");
  // Line 1 is the marker: the repeated key 7 is on line 2001.
  add_unit("20240101000003-data", "-- migrate:up\n" + inserts(1, 1999) + inserts(7, 7) +
                                      inserts(2001, 3000) +
                                      "-- migrate:down\nDELETE FROM events;\n");

  const auto result = forge_db({"db:migrate"}, k_stream_all);

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("migrations/20240101000003-data.sql:2001")) << result;
  EXPECT_EQ(db().count("events"), 0);  // one transaction with its history row: rolled back
  EXPECT_EQ(db().history().size(), 2u);
}

// Statement by statement (MySQL's DDL, or `transaction:false`): a streamed unit's statements
// are read from the file as they run. A statement refused part-way keeps what took effect;
// the fixed file resumes there, and the primary key shows that no INSERT ran twice.
TEST_P(StreamedUnit, OutsideATransactionAFailureKeepsWhatTookEffectAndTheFixedRerunResumes) {
  const std::string head =
      "-- migrate:up transaction:false\n"
      "CREATE TABLE events (id INTEGER PRIMARY KEY, payload VARCHAR(100));\n";
  const std::string tail = inserts(2001, 3000) + "-- migrate:down\nDROP TABLE events;\n";
  // Line 1 is the marker, line 2 the CREATE: INSERT n is on line n + 2, the repeated key 7 on
  // line 2002.
  const std::string unit =
      add_unit("20240101000001-events", head + inserts(1, 1999) + inserts(7, 7) + tail);

  const auto failed = forge_db({"db:migrate"}, k_stream_all);

  EXPECT_EQ(failed.exit_code, 1) << failed;
  EXPECT_THAT(failed.err, HasSubstr("migrations/20240101000001-events.sql:2002")) << failed;
  EXPECT_EQ(db().state(unit), "failed");
  const long kept = db().count("events");
  EXPECT_GT(kept, 0);  // what took effect stays, and the row says how much
  const std::string meta = dialect() == "mysql" ? "ForgeMeta" : "\"ForgeMeta\"";
  EXPECT_EQ(db().scalar("SELECT statements_done FROM " + meta), std::to_string(kept + 1));

  project.write("migrations/" + unit + ".sql", head + inserts(1, 2000) + tail);
  const auto rerun = forge_db({"db:migrate"}, k_stream_all);

  ASSERT_EQ(rerun.exit_code, 0) << rerun;
  EXPECT_EQ(db().count("events"), 3000);
  EXPECT_EQ(db().state(unit), "applied");
}

INSTANTIATE_TEST_SUITE_P(AllDialects, StreamedUnit, k_all_dialects, dialect_name);

// Killed (SIGKILL) inside a slow statement of a streamed unit run statement by statement: the
// rerun applies every statement exactly once (a repeated INSERT would hit the primary key).
class KilledStreamedUnit : public DialectTest {};

TEST_P(KilledStreamedUnit, ARerunAppliesEveryStatementOnce) {
  std::string slow = slow_sql(dialect(), 3);
  slow.pop_back();  // its ';'
  add_unit("20240101000001-events",
           "-- migrate:up transaction:false\n"
           "CREATE TABLE events (id INTEGER PRIMARY KEY, payload VARCHAR(100));\n" +
               inserts(1, 1500) + "INSERT INTO events SELECT 1501, 'slow' FROM (" + slow +
               ") s;\n" + inserts(1502, 3000) + "-- migrate:down\nDROP TABLE events;\n");
  auto running = project.start_forge({"db:migrate", "--url", url()}, k_stream_all);
  const bool reached = eventually(
      [this] {
        try {
          return db().count("events") == 1500;
        } catch (const std::exception&) {
          return false;
        }
      },
      30s);
  ASSERT_TRUE(reached) << "forge never committed the INSERTs before the slow one";
  running.reset();  // SIGKILL

  const auto rerun = forge_db({"db:migrate", "--lock-timeout", "20"}, k_stream_all);

  ASSERT_EQ(rerun.exit_code, 0) << rerun;
  EXPECT_EQ(db().count("events"), 3000);
  EXPECT_EQ(db().count("events WHERE payload = 'slow'"), 1);
}

INSTANTIATE_TEST_SUITE_P(Servers, KilledStreamedUnit, ::testing::Values("postgres", "mysql"),
                         dialect_name);

// Rows `first`..`last` of a bulkInsert into `events`, one flow map a line.
std::string yaml_rows(int first, int last) {
  std::string text;
  for (int i = first; i <= last; ++i) {
    text += "        - { id: " + std::to_string(i) + ", payload: 'it''s event; " +
            std::to_string(i) + "' }\n";
  }
  return text;
}

const std::string k_bulk_insert = "  - bulkInsert:\n      table: events\n      rows:\n";

class StreamedBulkInsert : public DialectTest {
 protected:
  void add_yaml_unit(const std::string& name, const std::string& text) {
    project.write("migrations/" + name + ".yaml", text);
  }
};

TEST_P(StreamedBulkInsert, AppliesAndUndoesAsAUnitReadWhole) {
  add_yaml_unit("20240101000001-events",
                "up:\n  - createTable:\n      table: events\n      columns:\n"
                "        id: { type: INTEGER, primaryKey: true }\n"
                "        payload: { type: STRING(100) }\n" +
                    k_bulk_insert + yaml_rows(1, 2500) +
                    "down:\n  - dropTable: { table: events }\n");

  const auto result = forge_db({"db:migrate"}, k_stream_all);

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(db().count("events"), 2500);
  EXPECT_EQ(db().scalar("SELECT payload FROM events WHERE id = 2499"), "it's event; 2499");
  const auto undo = forge_db({"db:migrate:undo"}, k_stream_all);
  ASSERT_EQ(undo.exit_code, 0) << undo;
  EXPECT_FALSE(db().has_table("events"));
}

TEST_P(StreamedBulkInsert, ARowTheServerRefusesKeepsNothingAndNamesItsInsertsFirstRow) {
  add_table_unit("20240101000001", "create-t", "t");
  add_unit("20240101000002-events",
           "-- migrate:up\nCREATE TABLE events (id INTEGER PRIMARY KEY, payload VARCHAR(100));\n"
           "-- migrate:down\nDROP TABLE events;\n");
  // Row n is on line n + 4; row 1500 repeats the key 7, in the INSERT of rows 1001 to 2000.
  add_yaml_unit("20240101000003-data", "up:\n" + k_bulk_insert + yaml_rows(1, 1499) +
                                           yaml_rows(7, 7) + yaml_rows(1501, 2500) +
                                           "down:\n  - bulkDelete: { table: events, where: "
                                           "{ id: { gt: 0 } } }\n");

  const auto result = forge_db({"db:migrate"}, k_stream_all);

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("migrations/20240101000003-data.yaml:1005")) << result;
  EXPECT_EQ(db().count("events"), 0);  // one transaction with its history row: rolled back
  EXPECT_EQ(db().history().size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(AllDialects, StreamedBulkInsert, k_all_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
