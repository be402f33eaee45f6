// The checksum of a SQL unit is stored in every database that applied it: whatever the loader
// does to be fast (issue 16: no statement splitting for status), each layout's checksum must stay
// the value forge computed before. The expected digests were taken from the loader that split
// every unit while loading; each is also the SHA-256 of the up text written out beside it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "core/source.hpp"
#include "core/sql_splitter.hpp"
#include "support/temp_folder.hpp"
#include "util/sha256.hpp"

namespace forge::core {
namespace {

using ::testing::HasSubstr;

struct ChecksumCase {
  std::string name;                                        // the test's name
  std::vector<std::pair<std::string, std::string>> files;  // file name -> bytes
  std::string up_text;                                     // what the checksum covers
  std::string digest;                                      // the value databases hold
  Dialect dialect = Dialect::sqlite;
};

void PrintTo(const ChecksumCase& input, std::ostream* os) { *os << input.name; }

const std::string k_dbmate_up = "CREATE TABLE a (id INTEGER);\n\n";
const std::string k_dbmate_digest =
    "475e00925edbe987dacc688864b870cb0c6aa331d410d849e744025ea1782f7f";
const std::string k_create_a_digest =
    "55b5db57dee6d81a9fdc1aefc06250ac686ca61587be00ef8a1f6e2510f1f821";
const std::string k_goose_up =
    "-- +goose StatementBegin\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n  SELECT 1;\nEND;\n"
    "-- +goose StatementEnd\n";

std::vector<ChecksumCase> cases() {
  return {
      {"Dbmate",
       {{"20240101000001_create_a.sql",
         "-- migrate:up\nCREATE TABLE a (id INTEGER);\n\n-- migrate:down\nDROP TABLE a;\n"}},
       k_dbmate_up,
       k_dbmate_digest},
      {"DbmateWithCrlfLineEndings",
       {{"20240101000001_create_a.sql",
         "-- migrate:up\r\nCREATE TABLE a (id INTEGER);\r\n\r\n-- migrate:down\r\nDROP TABLE "
         "a;\r\n"}},
       k_dbmate_up,
       k_dbmate_digest},
      {"DbmateWithAByteOrderMark",
       {{"20240101000001_create_a.sql",
         "\xEF\xBB\xBF-- migrate:up\nCREATE TABLE a (id INTEGER);\n\n-- migrate:down\nDROP TABLE "
         "a;\n"}},
       k_dbmate_up,
       k_dbmate_digest},
      {"DbmateWithoutADownSectionNorAFinalNewline",
       {{"20240101000001_create_a.sql", "-- migrate:up\nCREATE TABLE a (id INTEGER);"}},
       "CREATE TABLE a (id INTEGER);",
       "5d8d272f6897eee56ebb6fa0b4db68595635b838afea6319ce9ac2659b097df7"},
      {"ForgeMarkersWithCommentsBeforeAndAnOption",
       {{"20240101000001-vacuum.sql",
         "-- header comment\n\n-- forge:up transaction:false\nVACUUM;\n-- forge:down\nSELECT "
         "1;\n"}},
       "VACUUM;\n",
       "073c8f4a43849757a7107d8412919bf95b92497f7e4aef4ab2563947cffb3af2"},
      {"GooseWithAStatementBlockAndNoTransaction",
       {{"00001_trigger.sql", "-- +goose NO TRANSACTION\n-- +goose Up\n" + k_goose_up +
                                  "-- +goose Down\nDROP TRIGGER t;\n"}},
       k_goose_up,
       "b3505d304315f05f1524c48ce4bb022f0d5882814bb76257db24185b222d910a"},
      {"GolangMigrateUpAndDownFiles",
       {{"1_create_a.up.sql", "CREATE TABLE a (id INTEGER);\n-- trailing comment\n"},
        {"1_create_a.down.sql", "DROP TABLE a;\n"}},
       "CREATE TABLE a (id INTEGER);\n-- trailing comment\n",
       "c28daf2765129431d7b1f3ad348bc8f4301dbb98e1de49130ed177797a8ecbaa"},
      {"GolangMigrateUpFileWithCrlfAndAByteOrderMark",
       {{"1_create_a.up.sql",
         "\xEF\xBB\xBF"
         "CREATE TABLE a (id INTEGER);\r\nSELECT 1;\r\n"}},
       "CREATE TABLE a (id INTEGER);\nSELECT 1;\n",
       "6dafcb92103a79abc24dd1daab5c929845600795136c5101c5c9875e36180c1a"},
      {"FlywayVersionedAndUndoFiles",
       {{"V1_1__create_a.sql", "CREATE TABLE a (id INTEGER);\n"},
        {"U1_1__create_a.sql", "DROP TABLE a;\n"}},
       "CREATE TABLE a (id INTEGER);\n",
       k_create_a_digest},
      {"PopxPerDialectFilesTakeTheDialectsOwn",
       {{"20240101000001000000_create_a.postgres.up.sql", "CREATE TABLE a (id SERIAL);\n"},
        {"20240101000001000000_create_a.up.sql", "CREATE TABLE a (id INTEGER);\n"},
        {"20240101000001000000_create_a.postgres.autocommit.down.sql", "DROP TABLE a;\n"}},
       "CREATE TABLE a (id SERIAL);\n",
       "b1ea1a65d22bf74690439dff80de95f444ded21de4b274519af3614e9538a5cc",
       Dialect::postgres},
      {"PopxNeutralFileWhenTheDialectHasNone",
       {{"20240101000001000000_create_a.mysql.up.sql", "CREATE TABLE a (id INT);\n"},
        {"20240101000001000000_create_a.up.sql", "CREATE TABLE a (id INTEGER);\n"}},
       "CREATE TABLE a (id INTEGER);\n",
       k_create_a_digest},
  };
}

class SqlUnitChecksum : public ::testing::TestWithParam<ChecksumCase> {
 protected:
  Unit load_one() {
    for (const auto& [name, bytes] : GetParam().files) m_folder.write(name, bytes);
    auto units = load_units(m_folder.path(), GetParam().dialect);
    EXPECT_EQ(units.size(), 1u);
    return units.at(0);
  }

  testing::TempFolder m_folder;
};

TEST_P(SqlUnitChecksum, IsTheSha256OfTheUpTextAsWritten) {
  const Unit unit = load_one();
  EXPECT_EQ(unit.checksum.value(), util::sha256_hex(GetParam().up_text));
}

TEST_P(SqlUnitChecksum, IsTheValueDatabasesAlreadyHold) {
  EXPECT_EQ(load_one().checksum.value(), GetParam().digest);
}

TEST_P(SqlUnitChecksum, LeavesTheStatementsAsAFullSplitGivesThem) {
  const Unit unit = load_one();
  const auto expected = split_sql(GetParam().up_text, SqlOrigin{unit.up.file, unit.up.first_line},
                                  GetParam().dialect);
  ASSERT_EQ(unit.up.statements.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(unit.up.statements[i].text, expected[i].text);
    EXPECT_EQ(unit.up.statements[i].line, expected[i].line);
  }
}

INSTANTIATE_TEST_SUITE_P(Layouts, SqlUnitChecksum, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace forge::core
