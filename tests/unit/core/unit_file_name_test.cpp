#include "core/unit_file_name.hpp"

#include <gtest/gtest.h>

namespace forge::core {
namespace {

UnitFileName parsed(std::string_view file_name) {
  auto result = parse_unit_file_name(file_name);
  EXPECT_TRUE(result.has_value()) << file_name;
  return result.value_or(UnitFileName{});
}

TEST(ParseUnitFileName, ReadsASingleFileWithDash) {
  const auto name = parsed("20240315102344-add-codes.sql");
  EXPECT_EQ(name.version, "20240315102344");
  EXPECT_EQ(name.stem, "20240315102344-add-codes");
  EXPECT_EQ(name.role, FileRole::both);
  EXPECT_EQ(name.dialect_tag, "");
  EXPECT_FALSE(name.autocommit);
}

TEST(ParseUnitFileName, ReadsASingleFileWithUnderscore) {
  const auto name = parsed("001_init.sql");
  EXPECT_EQ(name.version, "001");
  EXPECT_EQ(name.stem, "001_init");
  EXPECT_EQ(name.role, FileRole::both);
}

TEST(ParseUnitFileName, ReadsUpAndDownFiles) {
  const auto up = parsed("1_init.up.sql");
  EXPECT_EQ(up.stem, "1_init");
  EXPECT_EQ(up.role, FileRole::up);
  const auto down = parsed("1_init.down.sql");
  EXPECT_EQ(down.stem, "1_init");
  EXPECT_EQ(down.role, FileRole::down);
}

TEST(ParseUnitFileName, ReadsADialectVariantOfAnUpFile) {
  const auto name = parsed("1_init.postgres.up.sql");
  EXPECT_EQ(name.stem, "1_init");
  EXPECT_EQ(name.dialect_tag, "postgres");
  EXPECT_EQ(name.role, FileRole::up);
}

TEST(ParseUnitFileName, ReadsADialectVariantOfASingleFile) {
  const auto name = parsed("20240101000000-add-codes.mysql.sql");
  EXPECT_EQ(name.stem, "20240101000000-add-codes");
  EXPECT_EQ(name.dialect_tag, "mysql");
  EXPECT_EQ(name.role, FileRole::both);
}

TEST(ParseUnitFileName, ReadsPopxAutocommitAfterTheDialect) {
  const auto name = parsed("1_init.mysql.autocommit.up.sql");
  EXPECT_EQ(name.stem, "1_init");
  EXPECT_EQ(name.dialect_tag, "mysql");
  EXPECT_TRUE(name.autocommit);
  EXPECT_EQ(name.role, FileRole::up);
}

TEST(ParseUnitFileName, ReadsPopxAutocommitBeforeTheDialect) {
  const auto name = parsed("1_init.autocommit.sqlite.down.sql");
  EXPECT_EQ(name.stem, "1_init");
  EXPECT_EQ(name.dialect_tag, "sqlite");
  EXPECT_TRUE(name.autocommit);
  EXPECT_EQ(name.role, FileRole::down);
}

TEST(ParseUnitFileName, ReadsAutocommitWithoutADialect) {
  const auto name = parsed("1_vacuum.autocommit.up.sql");
  EXPECT_EQ(name.stem, "1_vacuum");
  EXPECT_EQ(name.dialect_tag, "");
  EXPECT_TRUE(name.autocommit);
}

TEST(ParseUnitFileName, KeepsAliasesAsWrittenLowerCased) {
  EXPECT_EQ(parsed("1_a.sqlite3.up.sql").dialect_tag, "sqlite3");
  EXPECT_EQ(parsed("1_a.MariaDB.up.sql").dialect_tag, "mariadb");
  EXPECT_EQ(parsed("1_a.postgresql.sql").dialect_tag, "postgresql");
}

TEST(ParseUnitFileName, RecognisesTagsOfDialectsWithoutAnAdapter) {
  const auto name = parsed("1_init.cockroach.up.sql");
  EXPECT_EQ(name.stem, "1_init");
  EXPECT_EQ(name.dialect_tag, "cockroach");
}

TEST(ParseUnitFileName, LeavesOtherDottedWordsInTheStem) {
  const auto name = parsed("1_add.users.sql");
  EXPECT_EQ(name.stem, "1_add.users");
  EXPECT_EQ(name.dialect_tag, "");
}

TEST(ParseUnitFileName, RejectsFilesThatAreNotUnits) {
  EXPECT_FALSE(parse_unit_file_name("README.md"));
  EXPECT_FALSE(parse_unit_file_name("schema.sql"));
  EXPECT_FALSE(parse_unit_file_name("20240101000000-create-users.js"));
  EXPECT_FALSE(parse_unit_file_name("1_init.up.sql.bak"));
  EXPECT_FALSE(parse_unit_file_name(".sql"));
}

TEST(ParseUnitFileName, ReadsSqlFilesAsSql) {
  EXPECT_EQ(parsed("1_init.sql").format, FileFormat::sql);
  EXPECT_EQ(parsed("1_init.up.sql").format, FileFormat::sql);
}

TEST(ParseUnitFileName, ReadsYamlYmlAndJsonAsDeclarativeUnitsHoldingBothDirections) {
  for (const char* file : {"20240315102344-add-codes.yaml", "20240315102344-add-codes.yml",
                           "20240315102344-add-codes.json", "20240315102344-add-codes.YAML"}) {
    const auto name = parsed(file);
    EXPECT_EQ(name.format, FileFormat::declarative) << file;
    EXPECT_EQ(name.version, "20240315102344") << file;
    EXPECT_EQ(name.stem, "20240315102344-add-codes") << file;
    EXPECT_EQ(name.role, FileRole::both) << file;
    EXPECT_EQ(name.dialect_tag, "") << file;
  }
}

TEST(ParseUnitFileName, ReadsADialectVariantOfADeclarativeUnit) {
  const auto name = parsed("20240315102344-add-codes.mysql.yaml");
  EXPECT_EQ(name.format, FileFormat::declarative);
  EXPECT_EQ(name.stem, "20240315102344-add-codes");
  EXPECT_EQ(name.dialect_tag, "mysql");
  EXPECT_EQ(name.role, FileRole::both);
  EXPECT_EQ(parsed("1_x.PostgreSQL.json").dialect_tag, "postgresql");
}

TEST(ParseUnitFileName, ReadsAutocommitOnADeclarativeUnit) {
  const auto name = parsed("1_x.postgres.autocommit.yml");
  EXPECT_TRUE(name.autocommit);
  EXPECT_EQ(name.dialect_tag, "postgres");
  EXPECT_EQ(name.stem, "1_x");
}

TEST(ParseUnitFileName, DoesNotTakeUpOrDownDeclarativeFilesAsUnits) {
  // A declarative file always holds both directions: there are no .up.yaml / .down.yaml pairs.
  EXPECT_FALSE(parse_unit_file_name("1_init.up.yaml"));
  EXPECT_FALSE(parse_unit_file_name("1_init.down.yml"));
  EXPECT_FALSE(parse_unit_file_name("1_init.sqlite.up.json"));
}

TEST(ParseUnitFileName, RejectsDeclarativeLookalikesThatAreNotUnits) {
  EXPECT_FALSE(parse_unit_file_name("schema.yaml"));
  EXPECT_FALSE(parse_unit_file_name(".yaml"));
  EXPECT_FALSE(parse_unit_file_name("1_init.yaml.bak"));
  EXPECT_FALSE(parse_unit_file_name("1_init.xml"));
  EXPECT_FALSE(parse_unit_file_name("1_init.jsonc"));
}

TEST(IsKnownDialectTag, KnowsAdaptedAndForeignDialects) {
  for (const char* tag :
       {"sqlite", "sqlite3", "postgres", "postgresql", "mysql", "mariadb", "cockroach"}) {
    EXPECT_TRUE(is_known_dialect_tag(tag)) << tag;
  }
  EXPECT_FALSE(is_known_dialect_tag("users"));
  EXPECT_FALSE(is_known_dialect_tag(""));
}


TEST(ParseUnitFileName, ReadsFlywaysVersionedFileAsTheUpAndItsUndoFileAsTheDown) {
  const auto up = parsed("V1_1__add_people.sql");
  EXPECT_EQ(up.version, "1.1");
  EXPECT_EQ(up.stem, "V1_1__add_people");
  EXPECT_EQ(up.role, FileRole::up);
  const auto down = parsed("U1_1__add_people.sql");
  EXPECT_EQ(down.stem, "V1_1__add_people");
  EXPECT_EQ(down.role, FileRole::down);
}

TEST(ParseUnitFileName, LeavesFlywaysRepeatableAndNonSqlFilesOut) {
  EXPECT_FALSE(parse_unit_file_name("R__refresh_views.sql").has_value());
  EXPECT_FALSE(parse_unit_file_name("V1__init.java").has_value());
  EXPECT_FALSE(parse_unit_file_name("V1__init.yaml").has_value());
}

}  // namespace
}  // namespace forge::core
