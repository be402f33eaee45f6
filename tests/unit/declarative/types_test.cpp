#include "declarative/types.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace forge::declarative {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

const SourceLocation k_at{"u.yaml", 4, 13};

TypeSpec parse(std::string_view text) { return parse_type(text, k_at); }

std::string error_of(std::string_view text, const std::vector<std::string>& values = {}) {
  try {
    parse_type(text, k_at, values);
  } catch (const MigrationFileError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ParseType, ReadsEveryTypeWithoutArguments) {
  const std::vector<std::pair<std::string, TypeKind>> cases{
      {"TEXT", TypeKind::text},          {"INTEGER", TypeKind::integer},
      {"BIGINT", TypeKind::big_integer}, {"SMALLINT", TypeKind::small_integer},
      {"FLOAT", TypeKind::floating},     {"DOUBLE", TypeKind::double_precision},
      {"BOOLEAN", TypeKind::boolean},    {"DATE", TypeKind::date_time},
      {"DATEONLY", TypeKind::date_only}, {"TIME", TypeKind::time},
      {"UUID", TypeKind::uuid},          {"JSON", TypeKind::json},
      {"JSONB", TypeKind::jsonb},        {"BLOB", TypeKind::blob}};
  for (const auto& [text, kind] : cases) {
    const TypeSpec type = parse(text);
    EXPECT_EQ(type.kind, kind) << text;
    EXPECT_EQ(to_string(type), text);
    EXPECT_EQ(type.length, 0) << text;
  }
}

TEST(ParseType, StringTakesALengthAndDefaultsTo255) {
  EXPECT_EQ(parse("STRING(50)").kind, TypeKind::string);
  EXPECT_EQ(parse("STRING(50)").length, 50);
  EXPECT_EQ(parse("STRING").length, 255);
  EXPECT_EQ(to_string(parse("STRING")), "STRING(255)");
}

TEST(ParseType, IntegersMayBeUnsigned) {
  EXPECT_TRUE(parse("BIGINT UNSIGNED").is_unsigned);
  EXPECT_EQ(parse("integer unsigned").kind, TypeKind::integer);
  EXPECT_FALSE(parse("INTEGER").is_unsigned);
  EXPECT_EQ(to_string(parse("smallint  Unsigned")), "SMALLINT UNSIGNED");
  EXPECT_THAT(error_of("STRING(10) UNSIGNED"), HasSubstr("UNSIGNED applies to INTEGER"));
}

TEST(ParseType, CharTakesALengthOfAtMost255) {
  EXPECT_EQ(parse("CHAR(2)").kind, TypeKind::character);
  EXPECT_EQ(parse("CHAR(2)").length, 2);
  EXPECT_EQ(parse("CHAR").length, 255);
  EXPECT_THAT(error_of("CHAR(256)"), HasSubstr("at most 255"));
}

TEST(ParseType, DecimalTakesPrecisionAndScale) {
  const TypeSpec type = parse("DECIMAL(10,2)");
  EXPECT_EQ(type.kind, TypeKind::decimal);
  EXPECT_EQ(type.precision, 10);
  EXPECT_EQ(type.scale, 2);
  EXPECT_EQ(parse("DECIMAL(12)").scale, 0);
  EXPECT_EQ(to_string(parse("DECIMAL( 8 , 3 )")), "DECIMAL(8,3)");
}

TEST(ParseType, RefusesDecimalWithoutPrecisionOrWithScaleAbovePrecision) {
  EXPECT_THAT(error_of("DECIMAL"), HasSubstr("DECIMAL(10, 2)"));
  EXPECT_THAT(error_of("DECIMAL(4,5)"), HasSubstr("s <= p"));
  EXPECT_THAT(error_of("DECIMAL(66,2)"), HasSubstr("p <= 65"));
  EXPECT_THAT(error_of("DECIMAL(1,2,3)"), HasSubstr("(precision, scale)"));
}

TEST(ParseType, IgnoresCaseAndSpaces) {
  EXPECT_EQ(parse("  string ( 20 ) ").length, 20);
  EXPECT_EQ(parse("Boolean").kind, TypeKind::boolean);
  EXPECT_EQ(parse("dateonly").kind, TypeKind::date_only);
}

TEST(ParseType, ReadsEnumValuesInParentheses) {
  const TypeSpec type = parse("ENUM('pending', 'paid','shipped')");
  EXPECT_EQ(type.kind, TypeKind::enumeration);
  EXPECT_THAT(type.values, ElementsAre("pending", "paid", "shipped"));
  EXPECT_EQ(to_string(type), "ENUM('pending','paid','shipped')");
}

TEST(ParseType, ReadsEnumValuesWithDoubledQuotesAndDoubleQuotes) {
  EXPECT_THAT(parse("ENUM('it''s', \"a,b\")").values, ElementsAre("it's", "a,b"));
  EXPECT_EQ(to_string(parse("ENUM('it''s')")), "ENUM('it''s')");
}

TEST(ParseType, TakesEnumValuesFromAValuesList) {
  const TypeSpec type = parse_type("ENUM", k_at, {"a", "b"});
  EXPECT_THAT(type.values, ElementsAre("a", "b"));
}

TEST(ParseType, RefusesAnEnumWithoutValuesOrWithTwoLists) {
  EXPECT_THAT(error_of("ENUM"), HasSubstr("ENUM needs its values"));
  EXPECT_THAT(error_of("ENUM()"), HasSubstr("ENUM needs its values"));
  EXPECT_THAT(error_of("ENUM('a')", {"b"}), HasSubstr("both in parentheses and in values"));
}

TEST(ParseType, RefusesMalformedEnumValues) {
  EXPECT_THAT(error_of("ENUM(a, b)"), HasSubstr("must be quoted"));
  EXPECT_THAT(error_of("ENUM('a' 'b')"), HasSubstr("separated by commas"));
  EXPECT_THAT(error_of("ENUM('a', )"), HasSubstr("a comma ends"));
  EXPECT_THAT(error_of("ENUM('a)"), HasSubstr("unterminated"));
  EXPECT_THAT(error_of("ENUM('a', 'a')"), HasSubstr("'a' is listed twice"));
}

TEST(ParseType, ReportsAnUnknownTypeAtItsLocationListingTheTypes) {
  const std::string message = error_of("VARCHAR(50)");
  EXPECT_THAT(message, StartsWith("u.yaml:4:13: unknown type 'VARCHAR(50)'"));
  EXPECT_THAT(message, HasSubstr("the portable spelling is STRING(n)"));
  EXPECT_THAT(message, HasSubstr("DECIMAL(p,s)"));
  EXPECT_THAT(error_of("TIMESTAMP"), HasSubstr("the portable spelling is DATE"));
  EXPECT_THAT(error_of("STRNG(5)"), StartsWith("u.yaml:4:13: unknown type 'STRNG(5)'"));
}

TEST(ParseType, RefusesArgumentsWhereTheTypeTakesNone) {
  EXPECT_THAT(error_of("INTEGER(11)"), HasSubstr("INTEGER takes no arguments"));
  EXPECT_THAT(error_of("TEXT(10)"), HasSubstr("TEXT takes no arguments"));
}

TEST(ParseType, RefusesBadLengths) {
  EXPECT_THAT(error_of("STRING(0)"), HasSubstr("length of 1 or more"));
  EXPECT_THAT(error_of("STRING(abc)"), HasSubstr("whole numbers"));
  EXPECT_THAT(error_of("STRING()"), HasSubstr("whole numbers"));
  EXPECT_THAT(error_of("STRING(1,2)"), HasSubstr("one length"));
  EXPECT_THAT(error_of("STRING(50"), HasSubstr("must end with ')'"));
}

TEST(ParseType, KeepsTheLocation) {
  EXPECT_EQ(parse("UUID").location.line, 4);
  EXPECT_EQ(parse("UUID").location.column, 13);
}

TEST(IsIntegerKind, HoldsForTheThreeIntegerTypesOnly) {
  EXPECT_TRUE(is_integer_kind(TypeKind::integer));
  EXPECT_TRUE(is_integer_kind(TypeKind::big_integer));
  EXPECT_TRUE(is_integer_kind(TypeKind::small_integer));
  EXPECT_FALSE(is_integer_kind(TypeKind::decimal));
}

TEST(NativeType, KeepsEachDatabasesSpellingAndWritesThemBack) {
  const TypeSpec type =
      native_type({{"postgres", " INET "}, {"mysql", "VARCHAR(45)"}, {"sqlite", "TEXT"}}, k_at);
  EXPECT_EQ(type.kind, TypeKind::native);
  EXPECT_EQ(native_spelling(type, "postgres"), "INET");
  EXPECT_EQ(native_spelling(type, "mysql"), "VARCHAR(45)");
  EXPECT_EQ(to_string(type), "{postgres: INET, mysql: VARCHAR(45), sqlite: TEXT}");
  EXPECT_EQ(native_spelling(native_type({{"postgres", "VARCHAR(40)[]"}}, k_at), "postgres"),
            "VARCHAR(40)[]");
  EXPECT_EQ(
      native_spelling(native_type({{"mysql", "DECIMAL(10,2) UNSIGNED ZEROFILL"}}, k_at), "mysql"),
      "DECIMAL(10,2) UNSIGNED ZEROFILL");
}

TEST(NativeType, NamesTheDatabaseWithoutASpellingAtTheType) {
  const TypeSpec type = native_type({{"postgres", "INET"}}, k_at);
  try {
    native_spelling(type, "mysql");
    FAIL() << "no error";
  } catch (const MigrationFileError& e) {
    EXPECT_THAT(e.what(), StartsWith("u.yaml:4:13: the column type {postgres: INET} has no "
                                     "spelling for mysql; add 'mysql: <type>' to it"));
  }
}

std::string native_error(std::vector<NativeSpelling> spellings) {
  try {
    native_type(std::move(spellings), k_at);
  } catch (const MigrationFileError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(NativeType, RefusesAnUnknownDatabaseAndNone) {
  EXPECT_THAT(native_error({{"oracle", "NUMBER"}}),
              HasSubstr("keyed by postgres, mysql or sqlite, not 'oracle'"));
  EXPECT_THAT(native_error({}), HasSubstr("needs at least one of postgres, mysql, sqlite"));
}

// The spelling goes into DDL as written: nothing that could end the type and start other SQL.
TEST(NativeType, RefusesASpellingThatIsMoreThanATypeName) {
  for (const char* hostile : {"INT; DROP TABLE users", "INT -- comment", "INT /* x */",
                              "TEXT DEFAULT 'x'", "INT)", "NUMERIC(10", "", "   ", "1INT",
                              "INT\nDROP", "TEXT COLLATE \"C\"", "INT`", "ENUM('a','b')"}) {
    EXPECT_THAT(native_error({{"postgres", hostile}}), HasSubstr("native type for postgres"))
        << hostile;
  }
  EXPECT_THAT(native_error({{"mysql", std::string(101, 'A')}}),
              HasSubstr("must have 1 to 100 characters"));
}

}  // namespace
}  // namespace forge::declarative
