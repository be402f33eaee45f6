// load_units with declarative files (.yaml, .yml, .json), read through a fake DeclarativeReader.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "core/source.hpp"
#include "support/temp_folder.hpp"
#include "util/sha256.hpp"
#include "util/strings.hpp"

namespace forge::core {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Takes the file's text as one statement of up; the down is "DOWN <text>", unless the text
// holds `irreversible`, then there is no down and the reason names the file. The checksum
// text is "canonical:<text>", so a test can tell it from the SQL.
class FakeReader : public DeclarativeReader {
 public:
  mutable std::vector<std::string> files_read;
  mutable std::vector<std::string> texts_read;

  DeclarativeSections read(const std::string& text, const std::string& file) const override {
    files_read.push_back(file);
    texts_read.push_back(text);
    if (util::starts_with(text, "throw")) {
      throw MigrationFileError(file, 3, 7, "unknown operation 'addColum'");
    }
    DeclarativeSections sections;
    sections.up = section(file, text);
    sections.checksum_text = "canonical:" + text;
    if (text.find("irreversible") != std::string::npos) {
      sections.irreversible = file + ":2:5: dropTable cannot be undone automatically";
    } else {
      sections.down = section(file, "DOWN " + text);
    }
    return sections;
  }

 private:
  static Section section(const std::string& file, const std::string& text) {
    Section section;
    section.file = file;
    section.first_line = 2;
    section.text = text;
    section.statements = {Statement{text, file, 2, nullptr}};
    return section;
  }
};

class LoadDeclarativeUnits : public ::testing::Test {
 protected:
  void write(const std::string& name, std::string_view content) { m_folder.write(name, content); }
  std::vector<Unit> load(Dialect dialect = Dialect::sqlite) {
    // A reader the test owns: not shared, only pointed at.
    return load_units(m_folder.path(), dialect,
                      std::shared_ptr<const DeclarativeReader>(std::shared_ptr<void>(), &m_reader));
  }
  std::string path_of(const std::string& name) const { return (m_folder.path() / name).string(); }
  static std::string up_text(const Unit& unit) { return unit.up.statements.at(0).text; }

  testing::TempFolder m_folder;
  FakeReader m_reader;
};

std::vector<std::string> names_of(const std::vector<Unit>& units) {
  std::vector<std::string> names;
  for (const auto& unit : units) names.push_back(unit.name);
  return names;
}

TEST_F(LoadDeclarativeUnits, FindsYamlYmlAndJsonUnitsAmongSqlOnesInVersionOrder) {
  write("3_c.json", "json unit");
  write("1_a.yaml", "yaml unit");
  write("2_b.sql", "-- forge:up\nCREATE TABLE b (x);\n");
  write("10_d.yml", "yml unit");

  const auto units = load();

  EXPECT_THAT(names_of(units), ElementsAre("1_a", "2_b", "3_c", "10_d"));
  EXPECT_EQ(up_text(units[0]), "yaml unit");
  EXPECT_EQ(up_text(units[2]), "json unit");
  EXPECT_EQ(up_text(units[3]), "yml unit");
  EXPECT_THAT(units[0].files, ElementsAre(path_of("1_a.yaml")));
  EXPECT_EQ(units[0].version, "1");
}

TEST_F(LoadDeclarativeUnits, GivesTheReaderTheFilesTextAndPathOnce) {
  write("1_a.yaml", "\xEF\xBB\xBFup:\r\n  - x\r\n");

  load();

  EXPECT_THAT(m_reader.files_read, ElementsAre(path_of("1_a.yaml")));
  EXPECT_THAT(m_reader.texts_read, ElementsAre("up:\n  - x\n"))
      << "the byte-order mark is stripped and line endings normalised, as for SQL";
}

TEST_F(LoadDeclarativeUnits, TakesBothDirectionsFromTheReader) {
  write("1_a.yaml", "create");

  const Unit unit = load().at(0);

  EXPECT_EQ(unit.up.file, path_of("1_a.yaml"));
  EXPECT_EQ(up_text(unit), "create");
  ASSERT_TRUE(unit.down);
  EXPECT_EQ(unit.down->statements.at(0).text, "DOWN create");
  EXPECT_TRUE(unit.irreversible.empty());
  EXPECT_TRUE(unit.up.in_transaction);
}

TEST_F(LoadDeclarativeUnits, ChecksumsTheReadersChecksumTextNotTheRenderedSql) {
  write("1_a.yaml", "create");

  const Unit unit = load().at(0);

  EXPECT_EQ(unit.checksum.value(), util::sha256_hex("canonical:create"));
  EXPECT_NE(unit.checksum.value(), util::sha256_hex(unit.up.text));
}

TEST_F(LoadDeclarativeUnits, CarriesWhyAUnitCannotBeUndone) {
  write("1_a.yaml", "irreversible drop");

  const Unit unit = load().at(0);

  EXPECT_FALSE(unit.down);
  EXPECT_EQ(unit.irreversible,
            path_of("1_a.yaml") + ":2:5: dropTable cannot be undone automatically");
}

TEST_F(LoadDeclarativeUnits, LeavesTheReasonEmptyForASqlUnitWithoutADown) {
  write("1_a.sql", "-- forge:up\nCREATE TABLE a (x);\n");
  const Unit unit = load().at(0);
  EXPECT_FALSE(unit.down);
  EXPECT_TRUE(unit.irreversible.empty());
}

TEST_F(LoadDeclarativeUnits, TakesTheDialectsVariantAndIgnoresOtherDialects) {
  write("1_a.yaml", "neutral");
  write("1_a.mysql.yaml", "mysql");
  write("2_b.postgres.json", "postgres only");

  const auto on_sqlite = load(Dialect::sqlite);
  ASSERT_THAT(names_of(on_sqlite), ElementsAre("1_a"));
  EXPECT_EQ(up_text(on_sqlite[0]), "neutral");
  EXPECT_EQ(on_sqlite[0].down->statements.at(0).text, "DOWN neutral");

  const auto on_mysql = load(Dialect::mysql);
  ASSERT_THAT(names_of(on_mysql), ElementsAre("1_a"));
  EXPECT_EQ(up_text(on_mysql[0]), "mysql");
  EXPECT_EQ(on_mysql[0].down->statements.at(0).text, "DOWN mysql");

  const auto on_postgres = load(Dialect::postgres);
  ASSERT_THAT(names_of(on_postgres), ElementsAre("1_a", "2_b"));
  EXPECT_EQ(up_text(on_postgres[1]), "postgres only");
}

TEST_F(LoadDeclarativeUnits, NeverReadsAnotherDialectsVariant) {
  write("1_a.yaml", "neutral");
  write("1_a.mysql.yaml", "throw: refused on mysql");

  EXPECT_NO_THROW(load(Dialect::sqlite));
  EXPECT_THAT(m_reader.files_read, ElementsAre(path_of("1_a.yaml")));
}

TEST_F(LoadDeclarativeUnits, LetsADialectsYamlVariantStandForBothDirectionsOfASqlUnit) {
  write("1_a.sql", "-- forge:up\nCREATE TABLE a (x);\n-- forge:down\nDROP TABLE a;\n");
  write("1_a.sqlite.yaml", "irreversible for sqlite");

  const Unit unit = load(Dialect::sqlite).at(0);

  EXPECT_EQ(up_text(unit), "irreversible for sqlite");
  EXPECT_FALSE(unit.down) << "a single-file variant does not borrow the neutral file's down";
  EXPECT_THAT(unit.irreversible, HasSubstr("dropTable"));
}

TEST_F(LoadDeclarativeUnits, RunsAnAutocommitUnitOutsideATransactionBothWays) {
  write("1_a.autocommit.yaml", "create");

  const Unit unit = load().at(0);

  EXPECT_FALSE(unit.up.in_transaction);
  ASSERT_TRUE(unit.down);
  EXPECT_FALSE(unit.down->in_transaction);
}

TEST_F(LoadDeclarativeUnits, PassesOnTheReadersErrorWithItsPosition) {
  write("1_a.yaml", "throw");
  try {
    load();
    FAIL() << "expected a MigrationFileError";
  } catch (const MigrationFileError& e) {
    EXPECT_EQ(e.file(), path_of("1_a.yaml"));
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.column(), 7);
  }
}

TEST_F(LoadDeclarativeUnits, RefusesTwoUnitsWithOneVersionAcrossFormats) {
  write("1_a.yaml", "a");
  write("1_b.sql", "-- forge:up\n");
  EXPECT_THROW(load(), MigrationFileError);
}

TEST_F(LoadDeclarativeUnits, RefusesADeclarativeAndASqlFileForTheSameUnitAndDialect) {
  write("1_a.yaml", "a");
  write("1_a.sql", "-- forge:up\n");
  try {
    load();
    FAIL() << "expected a MigrationFileError";
  } catch (const MigrationFileError& e) {
    EXPECT_THAT(e.what(), AllOf(HasSubstr("1_a.yaml"), HasSubstr("1_a.sql")));
  }
}

TEST_F(LoadDeclarativeUnits, WithoutAReaderRefusesADeclarativeFileNamingIt) {
  write("1_a.sql", "-- forge:up\nCREATE TABLE a (x);\n");
  write("2_b.yml", "up: []\n");
  try {
    load_units(m_folder.path(), Dialect::sqlite);
    FAIL() << "expected a MigrationFileError";
  } catch (const MigrationFileError& e) {
    EXPECT_EQ(e.file(), path_of("2_b.yml"));
    EXPECT_THAT(e.what(), HasSubstr(path_of("2_b.yml")));
  }
}

TEST_F(LoadDeclarativeUnits, WithoutAReaderStillLoadsSqlOnlyFolders) {
  write("1_a.sql", "-- forge:up\nCREATE TABLE a (x);\n");
  EXPECT_THAT(names_of(load_units(m_folder.path(), Dialect::sqlite)), ElementsAre("1_a"));
  EXPECT_THAT(m_reader.files_read, IsEmpty());
}

}  // namespace
}  // namespace forge::core
