// A large data unit streams (issue 16): forge reads it through a mapping and splits its
// statements as they run, so its memory does not grow with the unit; a flaw near its end still
// stops it before anything is kept.
#include <string>

#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// A dbmate-layout unit of `rows` INSERTs into `events` (~100 bytes each), `tail` before its down.
std::string data_unit(int rows, const std::string& tail = "") {
  std::string text = "-- migrate:up\n";
  text.reserve(static_cast<std::size_t>(rows) * 110 + 100);
  for (int i = 1; i <= rows; ++i) {
    const std::string n = std::to_string(i);
    text += "INSERT INTO events (id, payload) VALUES (" + n + ", 'event " + n +
            ": a payload; with a semicolon -- and no comment');\n";
  }
  return text + tail + "-- migrate:down\nDELETE FROM events;\n";
}

class LargeUnit : public ForgeTest {
 protected:
  void SetUp() override {
    project.write("migrations/001_events.sql",
                  "-- migrate:up\nCREATE TABLE events (id INTEGER PRIMARY KEY, payload TEXT);\n"
                  "-- migrate:down\nDROP TABLE events;\n");
  }
};

TEST_F(LargeUnit, RunsInMemoryThatDoesNotGrowWithItsSize) {
  const int rows = 400000;  // ~37 MB: above the 16 MiB from which units stream
  project.write("migrations/002_data.sql", data_unit(rows));

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(db().count("events"), rows);
  EXPECT_EQ(db().applied().size(), 2u);
  // Read whole, the text, its copy and its statements took ~5x the file (180 MB here).
  EXPECT_LT(result.peak_rss_kib, 40 * 1024) << "peak RSS " << result.peak_rss_kib << " KiB";

  const auto undo = forge_db({"db:migrate:undo"});
  ASSERT_EQ(undo.exit_code, 0) << undo;
  EXPECT_EQ(db().count("events"), 0);
}

TEST_F(LargeUnit, AnUnterminatedQuoteNearItsEndStopsTheRunBeforeAnyStatement) {
  const int rows = 200000;  // ~18 MB
  project.write("migrations/002_data.sql",
                data_unit(rows, "INSERT INTO events (id, payload) VALUES (0, 'never closed);\n"));
  const int flaw_line = rows + 2;

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("migrations/002_data.sql:" + std::to_string(flaw_line)))
      << result;
  EXPECT_THAT(result.err, HasSubstr("unterminated quoted text")) << result;
  // The plan is refused before its first unit runs, as for a unit read whole.
  EXPECT_FALSE(db().has_table("events"));
  EXPECT_TRUE(db().applied().empty());

  project.write("migrations/002_data.sql", data_unit(rows));
  const auto fixed = forge_db({"db:migrate"});
  ASSERT_EQ(fixed.exit_code, 0) << fixed;
  EXPECT_EQ(db().count("events"), rows);
}

TEST_F(LargeUnit, ItsChecksumIsTheOneTheWholeReadGives) {
  project.write("migrations/002_data.sql", data_unit(2000));
  ASSERT_EQ(forge_db({"db:migrate"}, {{"FORGE_STREAM_MIN_BYTES", "1"}}).exit_code, 0);

  // Read whole now: the same checksum, so the unit is unchanged and nothing is pending.
  const auto status = forge_db({"db:migrate:status"});
  ASSERT_EQ(status.exit_code, 0) << status;
  EXPECT_THAT(status.out, Not(HasSubstr("changed"))) << status;
  const auto again = forge_db({"db:migrate"});
  EXPECT_EQ(again.exit_code, 0) << again;
  EXPECT_THAT(again.err, Not(HasSubstr("changed"))) << again;
}

}  // namespace
}  // namespace forge::e2e
