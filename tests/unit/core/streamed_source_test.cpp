// A unit read through its mapping, its statements split as they are gone through (issue 16),
// must be the unit read whole: same checksum, sections, statements, lines and errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "core/errors.hpp"
#include "core/source.hpp"
#include "support/temp_folder.hpp"

namespace forge::core {
namespace {

using ::testing::HasSubstr;

struct Layout {
  const char* label;
  const char* file;
  std::string text;
  Dialect dialect = Dialect::sqlite;
};

// FORGE_STREAM_MIN_BYTES for the scope of a load.
class StreamFrom {
 public:
  explicit StreamFrom(const char* bytes) { ::setenv("FORGE_STREAM_MIN_BYTES", bytes, 1); }
  ~StreamFrom() { ::unsetenv("FORGE_STREAM_MIN_BYTES"); }
  StreamFrom(const StreamFrom&) = delete;
  StreamFrom& operator=(const StreamFrom&) = delete;
};

struct Seen {
  std::string checksum;
  std::vector<std::string> sections;  // per section: in_transaction, first line, statements
  std::string error;
};

std::string describe(const Statement& statement) {
  return statement.file.substr(statement.file.rfind('/') + 1) + ":" +
         std::to_string(statement.line) + ": " + statement.text;
}

std::string describe(const Section& section, bool by_visit) {
  std::string out = std::string(section.in_transaction ? "tx" : "no-tx") + " from " +
                    std::to_string(section.first_line) + "\n";
  if (by_visit) {
    section.statements.visit([&](const Statement& statement) {
      out += describe(statement) + "\n";
      return true;
    });
  } else {
    for (const Statement& statement : section.statements) out += describe(statement) + "\n";
  }
  return out;
}

Seen load(const testing::TempFolder& folder, Dialect dialect, bool by_visit) {
  Seen seen;
  try {
    const auto units = load_units(folder.path(), dialect);
    for (const Unit& unit : units) {
      seen.checksum += unit.checksum.value() + ";";
      seen.sections.push_back(describe(unit.up, by_visit));
      if (unit.down) seen.sections.push_back(describe(*unit.down, by_visit));
    }
  } catch (const MigrationFileError& e) {
    seen.error = e.what();
  }
  return seen;
}

class StreamedUnit : public ::testing::TestWithParam<Layout> {};

TEST_P(StreamedUnit, ReadsAsTheWholeFileReads) {
  const Layout& layout = GetParam();
  testing::TempFolder folder;
  folder.write(layout.file, layout.text);
  if (std::string(layout.file).find(".up.sql") != std::string::npos) {
    std::string down = layout.file;
    down.replace(down.find(".up.sql"), 7, ".down.sql");
    folder.write(down, "DROP TABLE t;\n-- a comment\nDROP TABLE u;");
  }
  const Seen whole = load(folder, layout.dialect, false);
  const StreamFrom streamed("1");
  const Seen by_visit = load(folder, layout.dialect, true);
  const Seen held = load(folder, layout.dialect, false);
  EXPECT_EQ(by_visit.error, whole.error);
  EXPECT_EQ(by_visit.checksum, whole.checksum);
  EXPECT_EQ(by_visit.sections, whole.sections);
  EXPECT_EQ(held.error, whole.error);
  EXPECT_EQ(held.sections, whole.sections);
  EXPECT_FALSE(whole.sections.empty() && whole.error.empty()) << "the case loads nothing";
}

std::string many_inserts(int rows) {
  std::string text = "-- migrate:up\n";
  for (int i = 0; i < rows; ++i) {
    text += "INSERT INTO t VALUES (" + std::to_string(i) + ", 'it''s row; " + std::to_string(i) +
            "\n second line');\n";
  }
  return text + "-- migrate:down\nDELETE FROM t;\n";
}

INSTANTIATE_TEST_SUITE_P(
    Layouts, StreamedUnit,
    ::testing::Values(
        Layout{"dbmate", "1_a.sql",
               "-- migrate:up\nCREATE TABLE t (a INT); -- note\n/* c; */ INSERT INTO t VALUES "
               "(1);\n\n-- migrate:down\nDROP TABLE t;\n"},
        Layout{"forge_no_transaction", "1_a.sql",
               "-- a header\n-- forge:up transaction:false\nCREATE INDEX i ON t (a);\n"
               "-- forge:down\nDROP INDEX i;"},
        Layout{"goose_blocks", "1_a.sql",
               "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TABLE t (a INT);\n"
               "-- +goose StatementBegin\n\nCREATE TRIGGER x AFTER INSERT ON t BEGIN\n"
               "  SELECT 1; SELECT 2;\nEND;\n-- +goose StatementEnd\nINSERT INTO t VALUES (1);\n"
               "-- +goose Down\n-- +goose StatementBegin\nDROP TRIGGER x;\n"
               "-- +goose StatementEnd\nDROP TABLE t;\n"},
        Layout{"golang_migrate", "1_a.up.sql", "CREATE TABLE t (a INT);\nCREATE TABLE u (b INT)"},
        Layout{
            "byte_order_mark", "1_a.sql",
            "\xEF\xBB\xBF-- migrate:up\nCREATE TABLE t (a INT);\n-- migrate:down\nDROP TABLE t;"},
        Layout{"carriage_returns", "1_a.sql",
               "-- migrate:up\r\nCREATE TABLE t (a INT);\r\nINSERT INTO t VALUES ('a\r\nb');\r\n"
               "-- migrate:down\r\nDROP TABLE t;\r\n"},
        Layout{"many_statements", "1_a.sql", many_inserts(3000)},
        Layout{"mysql_delimiter", "1_a.sql",
               "-- migrate:up\nDELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\n"
               "DELIMITER ;\nCALL p();\n-- migrate:down\nDROP PROCEDURE p;\n",
               Dialect::mysql},
        Layout{"postgres_dollar_quotes", "1_a.sql",
               "-- migrate:up\nCREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ "
               "LANGUAGE sql;\nSELECT E'it\\'s; here';\n-- migrate:down\nDROP FUNCTION f;\n",
               Dialect::postgres},
        Layout{"nul_byte", "1_a.sql",
               std::string("-- migrate:up\nCREATE TABLE t (a INT);\nDROP TABLE o") + '\0' +
                   "rders;\n"},
        Layout{"unterminated_quote", "1_a.sql",
               "-- migrate:up\nCREATE TABLE t (a INT);\nINSERT INTO t VALUES ('oops);\n"},
        Layout{"marker_in_one_direction_file", "1_a.up.sql",
               "CREATE TABLE t (a INT);\n-- migrate:down\nDROP TABLE t;\n"},
        Layout{"no_up_section", "1_a.sql", "-- migrate:down\nDROP TABLE t;\n"},
        Layout{"sql_before_marker", "1_a.sql", "DROP TABLE t;\n-- migrate:up\nSELECT 1;\n"}),
    [](const ::testing::TestParamInfo<Layout>& info) { return std::string(info.param.label); });

TEST(StreamedUnitThreshold, OnlyFilesFromTheSizeAreStreamed) {
  testing::TempFolder folder;
  folder.write("1_small.sql", "-- migrate:up\nSELECT 1;\n");
  folder.write("2_large.sql", many_inserts(100));
  const StreamFrom streamed("1000");
  const auto units = load_units(folder.path(), Dialect::sqlite);
  ASSERT_EQ(units.size(), 2u);
  EXPECT_FALSE(units[0].up.statements.is_streamed());
  EXPECT_TRUE(units[1].up.statements.is_streamed());
  EXPECT_TRUE(units[1].down->statements.is_streamed());
}

TEST(StreamedUnitThreshold, AVisitStopsWhenAsked) {
  testing::TempFolder folder;
  folder.write("1_large.sql", many_inserts(100));
  const StreamFrom streamed("1");
  const auto units = load_units(folder.path(), Dialect::sqlite);
  int seen = 0;
  units[0].up.statements.visit([&](const Statement&) { return ++seen < 3; });
  EXPECT_EQ(seen, 3);
  EXPECT_EQ(units[0].up.statements.size(), 100u);  // read whole when asked
  EXPECT_THAT(units[0].up.statements[99].text, HasSubstr("(99, "));
}

}  // namespace
}  // namespace forge::core
