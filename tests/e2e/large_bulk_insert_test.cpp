// A large bulkInsert unit streams (issue 16): forge reads its rows from the file a batch at a
// time, as they run, so its memory does not grow with its rows and the file is read once; a flaw
// near its end fails the unit at its line and leaves nothing of it, and its checksum is the one
// the whole read gives.
#include <string>

#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Units of 1 MiB or more stream here, so the files of these tests stay small.
const EnvChanges k_stream = {{"FORGE_STREAM_MIN_BYTES", "1048576"}};
const std::string k_unit = "migrations/002_data.yaml";
const std::string k_down = "down:\n  - bulkDelete: { table: events, where: { id: { gt: 0 } } }\n";

// A bulkInsert of `rows` rows into `events` (~90 bytes each, row n on line n + 4), `tail` after
// them.
std::string rows_unit(int rows, const std::string& tail = k_down) {
  std::string text = "up:\n  - bulkInsert:\n      table: events\n      rows:\n";
  text.reserve(static_cast<std::size_t>(rows) * 95 + 200);
  for (int i = 1; i <= rows; ++i) {
    const std::string n = std::to_string(i);
    text += "        - { id: " + n + ", payload: 'event " + n +
            ": a payload; with a semicolon -- and no comment' }\n";
  }
  return text + tail;
}

class LargeBulkInsert : public ForgeTest {
 protected:
  void SetUp() override {
    project.write("migrations/001_events.sql",
                  "-- migrate:up\nCREATE TABLE events (id INTEGER PRIMARY KEY, payload TEXT);\n"
                  "-- migrate:down\nDROP TABLE events;\n");
  }
};

TEST_F(LargeBulkInsert, RunsInMemoryThatDoesNotGrowWithItsRows) {
  const int rows = 60000;  // ~5.5 MB of YAML
  project.write(k_unit, rows_unit(rows));

  const auto result = forge_db({"db:migrate"}, k_stream);

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(db().count("events"), rows);
  EXPECT_EQ(db().scalar("SELECT payload FROM events WHERE id = 59999"),
            "event 59999: a payload; with a semicolon -- and no comment");
  EXPECT_EQ(db().applied().size(), 2u);
  // Read whole, its tree, its rows and their INSERT took ~6 KB a row (350 MB here).
  EXPECT_LT(result.peak_rss_kib, 40 * 1024) << "peak RSS " << result.peak_rss_kib << " KiB";

  const auto undo = forge_db({"db:migrate:undo"}, k_stream);
  ASSERT_EQ(undo.exit_code, 0) << undo;
  EXPECT_EQ(db().count("events"), 0);
}

// Its rows are checked as they are sent, inside the unit's transaction: a bad one rolls the
// unit back, and the history says nothing of it.
TEST_F(LargeBulkInsert, AMalformedRowNearItsEndFailsTheUnitAtItsLineAndLeavesNothingOfIt) {
  const int rows = 20000;
  project.write(k_unit, rows_unit(rows, "        - { id: 0 }\n" + k_down));
  const int flaw_line = rows + 5;

  const auto result = forge_db({"db:migrate"}, k_stream);

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr(k_unit + ":" + std::to_string(flaw_line) + ":"));
  EXPECT_THAT(result.err, HasSubstr("row 20001 of bulkInsert does not name the first row's"));
  EXPECT_EQ(db().count("events"), 0);
  EXPECT_EQ(db().applied().size(), 1u);  // the table's unit, run before it
  const auto status = forge_db({"db:migrate:status"}, k_stream);
  EXPECT_THAT(status.out, HasSubstr("down 002_data")) << status;
  EXPECT_THAT(status.err + status.out, Not(HasSubstr("failed"))) << status;

  project.write(k_unit, rows_unit(rows));
  const auto fixed = forge_db({"db:migrate"}, k_stream);
  ASSERT_EQ(fixed.exit_code, 0) << fixed;
  EXPECT_EQ(db().count("events"), rows);
}

// Outside a transaction nothing could be taken back: every row is read and checked first.
TEST_F(LargeBulkInsert, OutsideATransactionAMalformedRowStopsItBeforeItsFirstInsert) {
  const int rows = 20000;
  const std::string unit = "migrations/002_data.autocommit.yaml";
  project.write(unit, rows_unit(rows, "        - { id: 0 }\n" + k_down));

  const auto result = forge_db({"db:migrate"}, k_stream);

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr(unit + ":" + std::to_string(rows + 5) + ":"));
  EXPECT_EQ(db().count("events"), 0);
  EXPECT_EQ(db().applied().size(), 1u);
}

TEST_F(LargeBulkInsert, ItsChecksumIsTheOneTheWholeReadGives) {
  project.write(k_unit, rows_unit(15000));
  ASSERT_EQ(forge_db({"db:migrate"}, k_stream).exit_code, 0);

  // Read whole now: the same checksum, so the unit is unchanged and nothing is pending.
  const auto status = forge_db({"db:migrate:status"});
  ASSERT_EQ(status.exit_code, 0) << status;
  EXPECT_THAT(status.out, Not(HasSubstr("changed"))) << status;
  const auto again = forge_db({"db:migrate"});
  EXPECT_EQ(again.exit_code, 0) << again;
  EXPECT_THAT(again.err, Not(HasSubstr("changed"))) << again;
}

TEST_F(LargeBulkInsert, WithoutADownListItsUndoIsRefusedSayingWhatToWrite) {
  project.write(k_unit, rows_unit(15000, ""));
  ASSERT_EQ(forge_db({"db:migrate"}, k_stream).exit_code, 0);

  const auto undo = forge_db({"db:migrate:undo"}, k_stream);

  EXPECT_EQ(undo.exit_code, 2) << undo;
  EXPECT_THAT(undo.err, HasSubstr(k_unit + ":2:5: bulkInsert cannot be undone")) << undo;
  EXPECT_THAT(undo.err, HasSubstr("write a down list")) << undo;
  EXPECT_EQ(db().count("events"), 15000);
}

TEST_F(LargeBulkInsert, ALargeUnitOfAnotherShapeIsReadWholeAndRuns) {
  // Rows as a flow list, as JSON writes them: not streamed, read whole as before.
  std::string json = R"({"up": [{"bulkInsert": {"table": "events", "rows": [)";
  for (int i = 1; i <= 3000; ++i) {
    json += std::string(i > 1 ? ",\n" : "\n") + R"(  {"id": )" + std::to_string(i) +
            R"(, "payload": "event \"quoted\""})";
  }
  project.write("migrations/002_data.json", json + "\n]}}]}\n");

  const auto result = forge_db({"db:migrate"}, {{"FORGE_STREAM_MIN_BYTES", "1"}});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(db().count("events"), 3000);
  EXPECT_EQ(db().scalar("SELECT payload FROM events WHERE id = 3000"), "event \"quoted\"");
}

}  // namespace
}  // namespace forge::e2e
