// A large declarative unit, its bulkInserts' rows read from the file as they are gone through
// (issue 16), must be the unit read whole: the same checksum, statements and errors.
#include "dialect/streamed_declarative.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "dialect/declarative_reader.hpp"
#include "dialect/mysql/mysql_renderer.hpp"
#include "dialect/sqlite/sqlite_renderer.hpp"
#include "support/temp_folder.hpp"
#include "util/sha256.hpp"

namespace forge::dialect {
namespace {

using core::DeclarativeSections;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// `count` rows from `first` as one-line flow maps, each item at `indent`.
std::string flow_rows(int first, int count, int indent = 8) {
  std::string text;
  for (int i = first; i < first + count; ++i) {
    text += std::string(static_cast<std::size_t>(indent), ' ') + "- { id: " + std::to_string(i) +
            ", name: 'it''s row " + std::to_string(i) + "', note: \"x, y: z\" }\n";
  }
  return text;
}

std::string with_rows(const std::string& rows, const std::string& after = "") {
  return "up:\n  - createTable:\n      table: t\n      columns:\n"
         "        id: { type: INTEGER, primaryKey: true }\n"
         "        name: { type: TEXT }\n        note: { type: TEXT }\n"
         "  - bulkInsert:\n      table: t\n      rows:\n" +
         rows + after;
}

const std::string k_down = "down:\n  - dropTable: { table: t }\n";

std::vector<std::string> texts(const core::Section& section) {
  std::vector<std::string> out;
  section.statements.visit([&](const core::Statement& statement) {
    out.push_back(statement.text);
    return true;
  });
  return out;
}

class StreamedDeclarative : public ::testing::Test {
 protected:
  // The unit read whole and read streamed, from a file holding `yaml`.
  DeclarativeSections whole(const std::string& yaml) const {
    return reader().read(yaml, path(yaml));
  }
  std::optional<DeclarativeSections> streamed(const std::string& yaml) const {
    return reader().read_large(path(yaml));
  }
  std::string error_of(const std::function<void()>& read) const {
    try {
      read();
    } catch (const MigrationFileError& e) {
      return e.what();
    }
    return "no error";
  }
  // Both reads agree: checksum, statements of each section, why there is no down.
  void expect_same(const std::string& yaml) const {
    const DeclarativeSections all = whole(yaml);
    const std::optional<DeclarativeSections> large = streamed(yaml);
    ASSERT_TRUE(large.has_value());
    EXPECT_EQ(large->checksum.value(), util::sha256_hex(all.checksum_text));
    EXPECT_TRUE(large->up.statements.is_streamed());
    EXPECT_EQ(texts(large->up), texts(all.up));
    ASSERT_EQ(large->down.has_value(), all.down.has_value());
    if (all.down) EXPECT_EQ(texts(*large->down), texts(*all.down));
  }
  const std::string& path(const std::string& yaml) const {
    m_path = m_folder.write("unit.yaml", yaml).string();
    return m_path;
  }
  RenderingReader reader() const { return RenderingReader(*m_renderer); }

  std::shared_ptr<const declarative::SqlRenderer> m_renderer =
      std::make_shared<sqlite::SqliteRenderer>();
  testing::TempFolder m_folder;
  mutable std::string m_path;
};

TEST_F(StreamedDeclarative, RowsOfFlowMapsGiveTheWholeReadsChecksumAndInserts) {
  const std::string yaml = with_rows(flow_rows(1, 2500), k_down);
  expect_same(yaml);
  const std::vector<std::string> inserts = texts(streamed(yaml)->up);
  ASSERT_EQ(inserts.size(), 4u);  // the table, then the rows a thousand at a time
  EXPECT_THAT(inserts[3], HasSubstr("(2500, 'it''s row 2500', 'x, y: z')"));
}

TEST_F(StreamedDeclarative, EachInsertIsAtTheLineOfItsFirstRow) {
  std::vector<int> lines;
  streamed(with_rows(flow_rows(1, 2001), k_down))->up.statements.visit([&](const auto& s) {
    lines.push_back(s.line);
    return true;
  });
  EXPECT_THAT(lines, ElementsAre(2, 11, 1011, 2011));
}

// The INSERTs are written on a thread of their own a few ahead of the one being run: a run
// that stops early (a statement failed) must end it without reading the rest.
TEST_F(StreamedDeclarative, AVisitThatStopsEarlyEndsWithoutTheRestOfTheRows) {
  const std::optional<DeclarativeSections> large = streamed(with_rows(flow_rows(1, 20000), k_down));
  int given = 0;
  large->up.statements.visit([&](const core::Statement&) { return ++given < 2; });
  EXPECT_EQ(given, 2);
  // Gone through again, whole: the rows are read anew each time.
  EXPECT_EQ(texts(large->up).size(), 21u);
}

// The rows are read again as they run; a file changed since it was read fails where it is bad,
// after the INSERTs before it, as when the rows were read on the running thread.
TEST_F(StreamedDeclarative, ARowSpoiledAfterTheUnitWasReadFailsAtItsLineWhenRun) {
  const std::string yaml = with_rows(flow_rows(1, 2500), k_down);
  const std::optional<DeclarativeSections> large = streamed(yaml);
  std::string spoiled = yaml;
  const std::string row = "- { id: 2400,";
  spoiled.replace(spoiled.find(row), row.size(), "- { id: [2400],");
  m_folder.write("unit.yaml", spoiled);
  std::vector<int> lines;
  const std::string error = error_of([&] {
    large->up.statements.visit([&](const core::Statement& statement) {
      lines.push_back(statement.line);
      return true;
    });
  });
  EXPECT_THAT(error, HasSubstr("unit.yaml:2410"));
  EXPECT_THAT(lines, ElementsAre(2, 11, 1011));
}

// The run that sends every row works the checksum out as it goes: the unit is read once.
TEST_F(StreamedDeclarative, AVisitThroughEveryRowGivesTheChecksumTheWholeReadGives) {
  const std::string yaml = with_rows(flow_rows(1, 2500), k_down);
  const std::optional<DeclarativeSections> large = streamed(yaml);
  EXPECT_EQ(large->checksum.known(), nullptr) << "worked out before anything asked for it";
  texts(large->up);
  ASSERT_NE(large->checksum.known(), nullptr);
  EXPECT_EQ(*large->checksum.known(), util::sha256_hex(whole(yaml).checksum_text));
}

TEST_F(StreamedDeclarative, AVisitThatStopsEarlyOrGoesThroughTheDownGivesNoChecksum) {
  const std::optional<DeclarativeSections> large = streamed(with_rows(flow_rows(1, 2500), k_down));
  large->up.statements.visit([](const core::Statement&) { return false; });
  large->up.statements.visit_kinds([](const core::Statement&) { return true; });
  texts(*large->down);
  EXPECT_EQ(large->checksum.known(), nullptr);
}

// Rows changed between the read that gave the checksum and the run: the run fails after its
// last INSERT, before its transaction commits, rather than record a checksum of other rows.
TEST_F(StreamedDeclarative, ARunOfRowsOtherThanTheCheckedOnesFailsAtItsEnd) {
  const std::string yaml = with_rows(flow_rows(1, 2500), k_down);
  const std::optional<DeclarativeSections> large = streamed(yaml);
  const std::string checksum = large->checksum.value();
  std::string changed = yaml;
  changed.replace(changed.find("row 2400'"), 9, "row 9999'");
  m_folder.write("unit.yaml", changed);
  std::size_t sent = 0;
  const std::string error = error_of(
      [&] { large->up.statements.visit([&](const core::Statement&) { return ++sent > 0; }); });
  EXPECT_THAT(error, HasSubstr("changed while forge was running"));
  EXPECT_EQ(sent, 4u);
  EXPECT_EQ(large->checksum.value(), checksum);
}

// The runner's look before it runs a section needs its kinds of statement: one INSERT tells
// those of a bulkInsert (the other rows are checked as they are read).
TEST_F(StreamedDeclarative, OneInsertOfABulkInsertTellsTheKindsOfItsStatements) {
  const std::optional<DeclarativeSections> large = streamed(with_rows(flow_rows(1, 2500), k_down));
  std::vector<std::string> kinds;
  large->up.statements.visit_kinds([&](const core::Statement& statement) {
    kinds.push_back(statement.text.substr(0, 12));
    return true;
  });
  EXPECT_THAT(kinds, ElementsAre("CREATE TABLE", "INSERT INTO "));
}

TEST_F(StreamedDeclarative, RowsOfEveryShapeYamlAllowsAreReadAsYamlCppReadsThem) {
  expect_same(
      with_rows("        # rows of every kind\n"
                "        - id: 1\n          name: block map\n          note: |\n            two\n"
                "            lines\n\n"
                "        - { id: 2, name: \"caf\xC3\xA9 \\t tab\", note: { literal: \"'lit'\" } }\n"
                "        -   {id: 3,   name: 'spaced',  note: null}   # a comment\n"
                "        - {\"id\": 4, \"name\": ~, \"note\": \"\"}\n"
                "        -\n          id: 5\n          name: !!str 6\n          note: x\n"
                "        - { id: 6, name: &a anchored, note: *a }\n",
                k_down));
}

TEST_F(StreamedDeclarative, AListAtTheKeysIndentAndOperationsAfterItAreRead) {
  expect_same(
      "up:\n  - bulkInsert:\n      table: t\n      rows:\n      - { id: 1, name: a, note: b }\n"
      "      - { id: 2, name: c, note: d }\n  - bulkInsert:\n      table: u\n      rows:  # two\n"
      "        - { a: 1 }\n  - addIndex: { table: t, fields: [name], name: t_name }\n"
      "down:\n  - bulkInsert:\n      table: v\n      rows:\n" +
      flow_rows(1, 1200) + "  - dropTable: { table: t }\n");
}

// Rows are read when the run sends them (a bad one then fails it, inside its transaction) or when
// the checksum is asked for first: either read refuses a bad row as the whole read does.
TEST_F(StreamedDeclarative, ABadRowFarIntoTheListIsRefusedAsTheWholeReadRefusesIt) {
  for (const std::string& bad : {
           std::string("        - { id: 2400, name: x }\n"),
           std::string("        - { id: 2400, name: [1, 2], note: x }\n"),
           std::string("        - { id: 2400, name: x, note: y, extra: z }\n"),
           std::string("        - id: 2400\n          name: x\n          name: y\n"),
       }) {
    const std::string yaml = with_rows(flow_rows(1, 2399) + bad + flow_rows(2401, 10), k_down);
    const std::string expected = error_of([&] { whole(yaml); });
    EXPECT_THAT(expected, HasSubstr("unit.yaml:241")) << bad;  // row 2400 is on line 2410
    EXPECT_EQ(error_of([&] { streamed(yaml)->checksum.value(); }), expected);
    EXPECT_EQ(error_of([&] { texts(streamed(yaml)->up); }), expected);
  }
}

TEST_F(StreamedDeclarative, AFlawAfterTheRowsIsNamedAtItsLineInTheFile) {
  const std::string yaml =
      with_rows(flow_rows(1, 1500), "  - addIndex: { table: t, fields: [name], colour: red }\n");
  const std::string expected = error_of([&] { whole(yaml); });
  EXPECT_THAT(expected, HasSubstr(":1511:"));
  EXPECT_EQ(error_of([&] { streamed(yaml); }), expected);
}

TEST_F(StreamedDeclarative, InvalidYamlAfterTheRowsIsNamedAtItsLineInTheFile) {
  const std::string yaml = with_rows(flow_rows(1, 1500), "down:\n  - dropTable: { table: t\n");
  const std::string expected = error_of([&] { whole(yaml); });
  EXPECT_THAT(expected, HasSubstr("invalid YAML"));
  EXPECT_EQ(error_of([&] { streamed(yaml); }), expected);
}

TEST_F(StreamedDeclarative, ARowTheDialectCannotTakeIsRefusedWhenItsRowsAreRead) {
  m_renderer = std::make_shared<mysql::MysqlRenderer>();
  const std::string yaml =
      with_rows(flow_rows(1, 1500) + "        - { id: 0, name: x, note: { literal: '' } }\n");
  const std::string expected = error_of([&] { whole(yaml); });
  ASSERT_NE(expected, "no error");
  EXPECT_EQ(error_of([&] { streamed(yaml)->checksum.value(); }), expected);
  EXPECT_EQ(error_of([&] { texts(streamed(yaml)->up); }), expected);
}

TEST_F(StreamedDeclarative, AnUpThatStreamsRowsGetsNoDerivedDownAndSaysWhy) {
  const std::optional<DeclarativeSections> large = streamed(with_rows(flow_rows(1, 3)));
  ASSERT_TRUE(large.has_value());
  EXPECT_FALSE(large->down.has_value());
  EXPECT_THAT(large->irreversible, HasSubstr("unit.yaml:8:5: bulkInsert cannot be undone"));
  EXPECT_THAT(large->irreversible, HasSubstr("write a down list"));
}

TEST_F(StreamedDeclarative, UnitsOfOtherShapesAreLeftToTheWholeRead) {
  EXPECT_FALSE(streamed("up:\n  - bulkInsert: { table: t, rows: [{ a: 1 }] }\n").has_value());
  EXPECT_FALSE(streamed(R"({"up": [{"bulkInsert": {"table": "t", "rows": [{"a": 1}]}}]})"));
  // A `rows:` list inside a raw SQL text is no bulkInsert's.
  EXPECT_FALSE(streamed("up:\n  - sql: |\n      rows:\n      - { a: 1 }\n").has_value());
  EXPECT_FALSE(streamed(with_rows(flow_rows(1, 3)).insert(0, "# \r\n")).has_value());
}

}  // namespace
}  // namespace forge::dialect
