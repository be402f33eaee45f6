// `.json` units: the same structure as YAML, read by the same loader.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "declarative/loader.hpp"

namespace forge::declarative {
namespace {

using ::testing::ElementsAre;
using ::testing::StartsWith;

const std::string k_json_file = "20240315102344-add-discount-code.json";

const std::string k_discount_code_json = R"json({
  "up": [
    { "addColumn": { "table": "orders", "column": "discount_code", "type": "STRING(50)",
                     "allowNull": true, "after": "status" } },
    { "addIndex": { "table": "orders", "fields": ["discount_code"],
                    "name": "orders_discount_code_idx",
                    "where": { "discount_code": { "ne": null } } } }
  ],
  "down": [
    { "removeIndex": { "table": "orders", "name": "orders_discount_code_idx" } },
    { "removeColumn": { "table": "orders", "column": "discount_code" } }
  ]
}
)json";

std::string error_of(const std::string& json) {
  try {
    load_declarative(json, k_json_file);
  } catch (const MigrationFileError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(JsonUnits, LoadTheDiscountCodeExample) {
  const DeclarativeUnit unit = load_declarative(k_discount_code_json, k_json_file);
  ASSERT_EQ(unit.up.size(), 2u);
  const auto& add = std::get<AddColumn>(unit.up[0]);
  EXPECT_EQ(add.column.type.length, 50);
  EXPECT_TRUE(add.column.allow_null);
  EXPECT_EQ(add.after, "status");
  EXPECT_EQ(add.origin.location.line, 3);
  EXPECT_EQ(add.origin.location.column, 7);
  const auto& index = std::get<AddIndex>(unit.up[1]);
  EXPECT_EQ(index.where->conditions.at(0).op, WhereOperator::ne);
  EXPECT_TRUE(index.where->conditions.at(0).operands.at(0).is_null());
  ASSERT_TRUE(unit.down);
  EXPECT_EQ(std::get<RemoveColumn>(unit.down->at(1)).column, "discount_code");
}

TEST(JsonUnits, ReadNumbersBooleansAndNullAsLiteralsAndStringsAsText) {
  const DeclarativeUnit unit = load_declarative(
      R"json({"up": [{"bulkInsert": {"table": "t", "rows": [
          {"a": 1, "b": 2.5, "c": true, "d": null, "e": "1", "f": "true", "g": "null"}]}}]})json",
      k_json_file);
  const auto& values = std::get<BulkInsert>(unit.up[0]).rows.at(0).values;
  EXPECT_EQ(std::get<std::int64_t>(values[0].literal), 1);
  EXPECT_EQ(std::get<Decimal>(values[1].literal).text, "2.5");
  EXPECT_EQ(std::get<bool>(values[2].literal), true);
  EXPECT_TRUE(values[3].is_null());
  EXPECT_EQ(std::get<std::string>(values[4].literal), "1");
  EXPECT_EQ(std::get<std::string>(values[5].literal), "true");
  EXPECT_EQ(std::get<std::string>(values[6].literal), "null");
}

TEST(JsonUnits, KeepCreateTableColumnsInFileOrder) {
  const DeclarativeUnit unit = load_declarative(
      R"json({"up": [{"createTable": {"table": "t", "columns": {
          "z": {"type": "INTEGER", "primaryKey": true}, "a": "TEXT", "m": {"type": "DATE",
          "defaultValue": "NOW"}}}}]})json",
      k_json_file);
  const auto& columns = std::get<CreateTable>(unit.up[0]).columns;
  std::vector<std::string> names;
  for (const ColumnSpec& column : columns) names.push_back(column.name);
  EXPECT_THAT(names, ElementsAre("z", "a", "m"));
  EXPECT_TRUE(std::holds_alternative<Now>(*columns[2].default_value));
}

TEST(JsonUnits, RefuseAQuotedBooleanForAFlag) {
  EXPECT_THAT(error_of(R"json({"up": [{"addIndex": {"table": "t", "name": "i", "fields": ["a"],
                           "unique": "true"}}]})json"),
              StartsWith(k_json_file + ":2:38: unique of addIndex must be true or false"));
}

TEST(JsonUnits, ReportSyntaxErrorsWithLineAndColumn) {
  EXPECT_THAT(error_of("{\"up\": [\n  {\"dropTable\": {\"table\": \"t\"}\n]}\n"),
              StartsWith(k_json_file + ":3:"));
}

TEST(JsonUnits, ReportUnknownOptionsAtTheirKey) {
  EXPECT_THAT(error_of("{\"up\": [{\"dropTable\": {\"name\": \"t\"}}]}"),
              StartsWith(k_json_file + ":1:24: dropTable has no option 'name'"));
}

}  // namespace
}  // namespace forge::declarative
