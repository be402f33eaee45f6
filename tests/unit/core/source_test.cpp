#include "core/source.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "support/temp_folder.hpp"
#include "util/sha256.hpp"

namespace forge::core {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class LoadUnits : public ::testing::Test {
 protected:
  void write(const std::string& name, std::string_view content) { m_folder.write(name, content); }
  std::vector<Unit> load(Dialect dialect = Dialect::sqlite) {
    return load_units(m_folder.path(), dialect);
  }
  std::string path_of(const std::string& name) const { return (m_folder.path() / name).string(); }
  std::string load_error(Dialect dialect = Dialect::sqlite) {
    try {
      load(dialect);
    } catch (const MigrationFileError& e) {
      return e.what();
    }
    return "(no error)";
  }

  testing::TempFolder m_folder;
};

std::vector<std::string> names_of(const std::vector<Unit>& units) {
  std::vector<std::string> names;
  for (const auto& unit : units) names.push_back(unit.name);
  return names;
}

std::vector<std::string> texts_of(const Section& section) {
  std::vector<std::string> texts;
  for (const auto& statement : section.statements) texts.push_back(statement.text);
  return texts;
}

// --- layouts ----------------------------------------------------------------------

TEST_F(LoadUnits, ReadsASingleFileUnitWithDashAndMarkers) {
  write("20240315102344-add-codes.sql",
        "-- forge:up\nALTER TABLE orders ADD COLUMN code TEXT;\n\n"
        "-- forge:down\nALTER TABLE orders DROP COLUMN code;\n");
  const auto units = load();
  ASSERT_EQ(units.size(), 1u);
  const Unit& unit = units[0];
  EXPECT_EQ(unit.name, "20240315102344-add-codes");
  EXPECT_EQ(unit.version, "20240315102344");
  EXPECT_THAT(unit.files, ElementsAre(path_of("20240315102344-add-codes.sql")));
  EXPECT_EQ(unit.up.file, path_of("20240315102344-add-codes.sql"));
  EXPECT_EQ(unit.up.first_line, 2);
  EXPECT_THAT(texts_of(unit.up), ElementsAre("ALTER TABLE orders ADD COLUMN code TEXT"));
  EXPECT_EQ(unit.up.statements.at(0).line, 2);
  ASSERT_TRUE(unit.down);
  EXPECT_THAT(texts_of(*unit.down), ElementsAre("ALTER TABLE orders DROP COLUMN code"));
  EXPECT_EQ(unit.down->statements.at(0).line, 5);
  EXPECT_TRUE(unit.up.in_transaction);
}

TEST_F(LoadUnits, ReadsASingleFileUnitWithUnderscoreAndDbmateMarkers) {
  write("001_init.sql", "-- migrate:up\nCREATE TABLE a (x);\n-- migrate:down\nDROP TABLE a;\n");
  const auto units = load();
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].name, "001_init");
  EXPECT_EQ(units[0].version, "001");
  EXPECT_THAT(texts_of(units[0].up), ElementsAre("CREATE TABLE a (x)"));
  ASSERT_TRUE(units[0].down);
  EXPECT_THAT(texts_of(*units[0].down), ElementsAre("DROP TABLE a"));
}

TEST_F(LoadUnits, AUnitWithAJavaScriptTwinTakesTheTwinsNameForItsHistoryRow) {
  write("20240101000001-create-users.sql", "-- forge:up\nCREATE TABLE users (id INT);\n");
  write("20240101000001-create-users.js", "module.exports = {};");
  write("20240101000002-create-orders.sql", "-- forge:up\nCREATE TABLE orders (id INT);\n");
  write("20240101000003-only-javascript.js", "module.exports = {};");

  const auto units = load();

  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].name, "20240101000001-create-users");
  EXPECT_EQ(units[0].history_name, "20240101000001-create-users.js");
  EXPECT_EQ(units[1].history_name, "");  // recorded under its own name
}

TEST_F(LoadUnits, ReadsPairedUpAndDownFiles) {
  write("1_init.up.sql", "CREATE TABLE a (x);\nCREATE TABLE b (y);\n");
  write("1_init.down.sql", "DROP TABLE b;\nDROP TABLE a;\n");
  const auto units = load();
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].name, "1_init");
  EXPECT_EQ(units[0].up.file, path_of("1_init.up.sql"));
  EXPECT_EQ(units[0].up.first_line, 1);
  EXPECT_THAT(texts_of(units[0].up), ElementsAre("CREATE TABLE a (x)", "CREATE TABLE b (y)"));
  EXPECT_EQ(units[0].up.statements.at(1).line, 2);
  ASSERT_TRUE(units[0].down);
  EXPECT_EQ(units[0].down->file, path_of("1_init.down.sql"));
  EXPECT_THAT(texts_of(*units[0].down), ElementsAre("DROP TABLE b", "DROP TABLE a"));
  EXPECT_THAT(units[0].files, ElementsAre(path_of("1_init.down.sql"), path_of("1_init.up.sql")));
}

TEST_F(LoadUnits, AcceptsAUnitWithAnUpAndNoDown) {
  write("1_paired.up.sql", "CREATE TABLE a (x);\n");
  write("2_single.sql", "-- forge:up\nCREATE TABLE b (x);\n");
  const auto units = load();
  ASSERT_EQ(units.size(), 2u);
  EXPECT_FALSE(units[0].down);
  EXPECT_FALSE(units[1].down);
}

TEST_F(LoadUnits, AcceptsEmptySectionsAsNoOps) {
  write("1_empty.sql", "-- forge:up\n-- nothing yet\n\n-- forge:down\n");
  write("2_blank.up.sql", "");
  const auto units = load();
  ASSERT_EQ(units.size(), 2u);
  EXPECT_TRUE(units[0].up.statements.empty());
  ASSERT_TRUE(units[0].down);
  EXPECT_TRUE(units[0].down->statements.empty());
  EXPECT_TRUE(units[1].up.statements.empty());
}

// --- ordering -----------------------------------------------------------------------

TEST_F(LoadUnits, OrdersUnitsByVersionAsANumber) {
  write("10_ten.up.sql", "SELECT 10;");
  write("2_two.up.sql", "SELECT 2;");
  write("20240315102344000001_long.up.sql", "SELECT 3;");
  write("20240315102344_stamp.up.sql", "SELECT 4;");
  write("1_one.up.sql", "SELECT 1;");
  EXPECT_THAT(names_of(load()), ElementsAre("1_one", "2_two", "10_ten", "20240315102344_stamp",
                                            "20240315102344000001_long"));
}

// Versions compare as numbers: `02` and `2` are one version even with another stem between
// them in name order, and the message names the file of the earlier stem as the other.
TEST_F(LoadUnits, RefusesTwoUnitsOfOneVersionWrittenWithDifferentWidths) {
  write("02_zeta.up.sql", "SELECT 1;");
  write("10_ten.up.sql", "SELECT 10;");
  write("2_two.up.sql", "SELECT 2;");
  EXPECT_EQ(load_error(),
            path_of("2_two.up.sql") + ": has version 2, as does " + path_of("02_zeta.up.sql"));
  // Leading digits make a dbmate-style version: `3.1_` and `3.01_` are both version 3.
  write("3.1_point.up.sql", "SELECT 3;");
  write("3.01_again.up.sql", "SELECT 3;");
  std::filesystem::remove(m_folder.path() / "2_two.up.sql");
  EXPECT_EQ(load_error(), path_of("3.1_point.up.sql") + ": has version 3, as does " +
                              path_of("3.01_again.up.sql"));
}

// --- dialect variants -------------------------------------------------------------------

TEST_F(LoadUnits, TakesTheDialectsOwnVariantPerDirectionAndFallsBackToTheNeutralFile) {
  write("1_init.up.sql", "CREATE TABLE neutral_up (x);");
  write("1_init.sqlite.up.sql", "CREATE TABLE sqlite_up (x);");
  write("1_init.down.sql", "DROP TABLE neutral;");
  write("1_init.postgres.down.sql", "DROP TABLE pg;");

  const auto sqlite_units = load(Dialect::sqlite);
  ASSERT_EQ(sqlite_units.size(), 1u);
  EXPECT_EQ(sqlite_units[0].name, "1_init");
  EXPECT_THAT(texts_of(sqlite_units[0].up), ElementsAre("CREATE TABLE sqlite_up (x)"));
  EXPECT_THAT(texts_of(*sqlite_units[0].down), ElementsAre("DROP TABLE neutral"));

  const auto postgres_units = load(Dialect::postgres);
  ASSERT_EQ(postgres_units.size(), 1u);
  EXPECT_THAT(texts_of(postgres_units[0].up), ElementsAre("CREATE TABLE neutral_up (x)"));
  EXPECT_THAT(texts_of(*postgres_units[0].down), ElementsAre("DROP TABLE pg"));
}

TEST_F(LoadUnits, TakesAVariantSpelledWithAnAlias) {
  write("1_init.up.sql", "SELECT 'neutral';");
  write("1_init.sqlite3.up.sql", "SELECT 'sqlite3';");
  write("1_init.mariadb.up.sql", "SELECT 'mariadb';");
  EXPECT_THAT(texts_of(load(Dialect::sqlite).at(0).up), ElementsAre("SELECT 'sqlite3'"));
  EXPECT_THAT(texts_of(load(Dialect::mysql).at(0).up), ElementsAre("SELECT 'mariadb'"));
  EXPECT_THAT(texts_of(load(Dialect::postgres).at(0).up), ElementsAre("SELECT 'neutral'"));
}

TEST_F(LoadUnits, TakesASingleFileDialectVariant) {
  write("1_codes.sql", "-- forge:up\nSELECT 'neutral';\n-- forge:down\nSELECT 'neutral down';\n");
  write("1_codes.sqlite.sql",
        "-- forge:up\nSELECT 'sqlite';\n-- forge:down\nSELECT 'sqlite down';\n");
  const auto sqlite_units = load(Dialect::sqlite);
  ASSERT_EQ(sqlite_units.size(), 1u);
  EXPECT_THAT(texts_of(sqlite_units[0].up), ElementsAre("SELECT 'sqlite'"));
  EXPECT_THAT(texts_of(*sqlite_units[0].down), ElementsAre("SELECT 'sqlite down'"));
  EXPECT_THAT(texts_of(load(Dialect::mysql).at(0).up), ElementsAre("SELECT 'neutral'"));
}

TEST_F(LoadUnits, MixesAnUpVariantWithTheNeutralSingleFilesDown) {
  write("1_codes.sql", "-- forge:up\nSELECT 'neutral';\n-- forge:down\nSELECT 'neutral down';\n");
  write("1_codes.sqlite.up.sql", "SELECT 'sqlite';\n");
  const auto units = load(Dialect::sqlite);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_THAT(texts_of(units[0].up), ElementsAre("SELECT 'sqlite'"));
  ASSERT_TRUE(units[0].down);
  EXPECT_THAT(texts_of(*units[0].down), ElementsAre("SELECT 'neutral down'"));
}

TEST_F(LoadUnits, IgnoresVariantsForOtherDialectsIncludingOnesWithoutAnAdapter) {
  write("1_init.up.sql", "SELECT 'neutral';");
  write("1_init.postgres.up.sql", "SELECT 'pg';");
  write("1_init.cockroach.up.sql", "SELECT 'crdb';");
  write("1_init.mysql.sql", "-- forge:up\nSELECT 'my';\n");
  const auto units = load(Dialect::sqlite);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].name, "1_init");
  EXPECT_THAT(texts_of(units[0].up), ElementsAre("SELECT 'neutral'"));
}

TEST_F(LoadUnits, LeavesOutAUnitThatExistsOnlyForOtherDialects) {
  write("1_common.up.sql", "SELECT 1;");
  write("2_pg_only.postgres.up.sql", "CREATE EXTENSION citext;");
  write("3_crdb_only.cockroach.up.sql", "SELECT 3;");
  EXPECT_THAT(names_of(load(Dialect::sqlite)), ElementsAre("1_common"));
  EXPECT_THAT(names_of(load(Dialect::postgres)), ElementsAre("1_common", "2_pg_only"));
}

// --- transactions ---------------------------------------------------------------------------

TEST_F(LoadUnits, RunsAutocommitFilesOutsideATransaction) {
  write("1_index.sqlite.autocommit.up.sql", "VACUUM;");
  write("1_index.down.sql", "SELECT 1;");
  write("2_other.autocommit.sqlite.up.sql", "VACUUM;");
  const auto units = load(Dialect::sqlite);
  ASSERT_EQ(units.size(), 2u);
  EXPECT_FALSE(units[0].up.in_transaction);
  EXPECT_TRUE(units[0].down->in_transaction);
  EXPECT_FALSE(units[1].up.in_transaction);
}

TEST_F(LoadUnits, RunsTransactionFalseSectionsOutsideATransaction) {
  write("1_vacuum.sql", "-- forge:up transaction:false\nVACUUM;\n-- forge:down\nSELECT 1;\n");
  const auto units = load();
  ASSERT_EQ(units.size(), 1u);
  EXPECT_FALSE(units[0].up.in_transaction);
  EXPECT_TRUE(units[0].down->in_transaction);
}

// --- checksum and encoding -------------------------------------------------------------------

TEST_F(LoadUnits, ChecksumsTheUpSection) {
  write("1_a.sql", "-- forge:up\nCREATE TABLE a (x);\n-- forge:down\nDROP TABLE a;\n");
  const auto units = load();
  EXPECT_EQ(units.at(0).up.text, "CREATE TABLE a (x);\n");
  EXPECT_EQ(units.at(0).checksum.value(), util::sha256_hex("CREATE TABLE a (x);\n"));
}

TEST_F(LoadUnits, GivesTheSameChecksumForCrlfAndLfFiles) {
  testing::TempFolder crlf_folder;
  write("1_a.sql", "-- forge:up\nCREATE TABLE a (x);\n-- forge:down\nDROP TABLE a;\n");
  crlf_folder.write("1_a.sql",
                    "-- forge:up\r\nCREATE TABLE a (x);\r\n-- forge:down\r\nDROP TABLE a;\r\n");
  const auto lf = load();
  const auto crlf = load_units(crlf_folder.path(), Dialect::sqlite);
  EXPECT_EQ(crlf.at(0).up.text, "CREATE TABLE a (x);\n");
  EXPECT_EQ(crlf.at(0).checksum.value(), lf.at(0).checksum.value());
}

TEST_F(LoadUnits, StripsAByteOrderMark) {
  write("1_a.sql", "\xEF\xBB\xBF-- forge:up\nCREATE TABLE a (x);\n");
  write("2_b.up.sql",
        "\xEF\xBB\xBF"
        "CREATE TABLE b (x);\n");
  const auto units = load();
  ASSERT_EQ(units.size(), 2u);
  EXPECT_THAT(texts_of(units[0].up), ElementsAre("CREATE TABLE a (x)"));
  EXPECT_THAT(texts_of(units[1].up), ElementsAre("CREATE TABLE b (x)"));
}

// --- what is not a unit -----------------------------------------------------------------------

TEST_F(LoadUnits, IgnoresFilesThatAreNotUnits) {
  write("README.md", "# migrations");
  write("schema.sql", "CREATE TABLE whatever (x);");
  write("20240101000000-create-users.js", "module.exports = {};");
  write("1_a.up.sql", "SELECT 1;");
  write("sub/2_nested.up.sql", "SELECT 2;");
  EXPECT_THAT(names_of(load()), ElementsAre("1_a"));
}

TEST_F(LoadUnits, GivesNothingForAnEmptyFolder) { EXPECT_TRUE(load().empty()); }

// --- load errors --------------------------------------------------------------------------------

TEST_F(LoadUnits, RefusesAMissingFolder) {
  EXPECT_THAT(
      [&] {
        try {
          load_units(m_folder.path() / "nowhere", Dialect::sqlite);
        } catch (const MigrationFileError& e) {
          return std::string(e.what());
        }
        return std::string("(no error)");
      }(),
      AllOf(HasSubstr("nowhere"), HasSubstr("not found")));
}

TEST_F(LoadUnits, RefusesTwoUnitsWithOneVersionNamingBothFiles) {
  write("5_first.sql", "-- forge:up\nSELECT 1;\n");
  write("5_second.up.sql", "SELECT 2;");
  EXPECT_THAT(load_error(), AllOf(HasSubstr("5_first.sql"), HasSubstr("5_second.up.sql")));
}

TEST_F(LoadUnits, RefusesTwoUnitsWhoseVersionsDifferOnlyInLeadingZeros) {
  write("05_first.up.sql", "SELECT 1;");
  write("5_second.up.sql", "SELECT 2;");
  EXPECT_THAT(load_error(), AllOf(HasSubstr("05_first.up.sql"), HasSubstr("5_second.up.sql")));
}

TEST_F(LoadUnits, RefusesTwoFilesForOneDirection) {
  write("1_a.sql", "-- forge:up\nSELECT 1;\n");
  write("1_a.up.sql", "SELECT 2;");
  EXPECT_THAT(load_error(), AllOf(HasSubstr("1_a.sql"), HasSubstr("1_a.up.sql")));
}

TEST_F(LoadUnits, RefusesTwoVariantsForOneDialectAndDirection) {
  write("1_a.sqlite.up.sql", "SELECT 1;");
  write("1_a.sqlite3.up.sql", "SELECT 2;");
  EXPECT_THAT(load_error(), AllOf(HasSubstr("1_a.sqlite.up.sql"), HasSubstr("1_a.sqlite3.up.sql")));
}

TEST_F(LoadUnits, RefusesASingleFileWithoutAnUpSection) {
  write("1_a.sql", "-- forge:down\nDROP TABLE a;\n");
  EXPECT_THAT(load_error(), AllOf(HasSubstr("1_a.sql"), HasSubstr("no up section")));
}

TEST_F(LoadUnits, RefusesASingleFileWithoutMarkers) {
  write("1_a.sql", "-- just a comment\n");
  EXPECT_THAT(load_error(), AllOf(HasSubstr("1_a.sql"), HasSubstr("no up section")));
}

TEST_F(LoadUnits, RefusesADownFileWithoutAnUp) {
  write("1_a.up.sql", "SELECT 1;");
  write("2_b.down.sql", "SELECT 2;");
  EXPECT_THAT(load_error(), AllOf(HasSubstr("2_b.down.sql"), HasSubstr("no up")));
}

TEST_F(LoadUnits, RefusesAMarkerErrorNamingTheFileAndLine) {
  write("1_a.sql", "-- forge:up\nSELECT 1;\n-- forge:up\n");
  EXPECT_THAT(load_error(), HasSubstr("1_a.sql:3:"));
}

TEST_F(LoadUnits, RefusesAnUnterminatedQuoteNamingTheFileAndLineWhenItsStatementsAreRead) {
  write("1_a.sql", "-- forge:up\nSELECT 1;\nSELECT 'oops;\n");
  const auto units = load();  // a status needs no statements: the unit loads
  ASSERT_EQ(units.size(), 1u);
  EXPECT_FALSE(units[0].up.statements.is_split());
  try {
    (void)units[0].up.statements.size();
    ADD_FAILURE() << "no error";
  } catch (const MigrationFileError& e) {
    EXPECT_THAT(e.what(), HasSubstr("1_a.sql:3:"));
  }
}

TEST_F(LoadUnits, SplitsNoSectionWhileLoading) {
  write("1_a.sql", "-- forge:up\nSELECT 1;\n-- forge:down\nSELECT 2;\n");
  write("2_b.up.sql", "SELECT 3;\n");
  write("2_b.down.sql", "SELECT 4;\n");
  const auto units = load();
  ASSERT_EQ(units.size(), 2u);
  for (const auto& unit : units) {
    EXPECT_FALSE(unit.up.statements.is_split()) << unit.name;
    EXPECT_FALSE(unit.down->statements.is_split()) << unit.name;
  }
  EXPECT_THAT(texts_of(units[1].down.value()), ElementsAre("SELECT 4"));
  EXPECT_TRUE(units[1].down->statements.is_split());
}

TEST_F(LoadUnits, RefusesANulByteInEitherSectionNamingTheFileAndLine) {
  write("1_a.sql", std::string("-- forge:up\nCREATE TABLE t (id INTEGER);\nDROP TABLE t") + '\0' +
                       "_backup;\n");
  EXPECT_THAT(load_error(), AllOf(HasSubstr("1_a.sql:3:"), HasSubstr("NUL byte")));
  write("1_a.sql",
        std::string("-- forge:up\nSELECT 1;\n-- forge:down\n\nDROP TABLE t") + '\0' + ";\n");
  EXPECT_THAT(load_error(), AllOf(HasSubstr("1_a.sql:5:"), HasSubstr("NUL byte")));
}

TEST_F(LoadUnits, RefusesANulByteInAnUpFile) {
  write("1_a.up.sql", std::string("SELECT 1;\nSELECT '") + '\0' + "';\n");
  EXPECT_THAT(load_error(Dialect::postgres), HasSubstr("1_a.up.sql:2:"));
}

}  // namespace
}  // namespace forge::core
