#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "declarative/document.hpp"
#include "declarative/where_reader.hpp"

namespace forge::declarative {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// Reads the `where:` of `text` (a YAML map with that one key).
Where where_of(const std::string& text, bool allow_empty = false) {
  const DocumentNode root = parse_document(text, "w.yaml");
  return read_where(*root.find("where"), "where of addIndex", allow_empty);
}

std::string error_of(const std::string& text, bool allow_empty = false) {
  try {
    where_of(text, allow_empty);
  } catch (const MigrationFileError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ReadWhere, ReadsEveryOperator) {
  const Where where = where_of(R"(where:
  a: { eq: 1 }
  b: { ne: x }
  c: { gt: 1.5 }
  d: { gte: 2 }
  e: { lt: '2024-01-01' }
  f: { lte: -3 }
  g: { in: [1, 2] }
  h: { notIn: [x, y, z] }
  i: { like: 'ab%' }
  j: { is: null }
  k: { not: true }
)");
  const std::vector<WhereOperator> expected{
      WhereOperator::eq,   WhereOperator::ne,  WhereOperator::gt,    WhereOperator::gte,
      WhereOperator::lt,   WhereOperator::lte, WhereOperator::in,    WhereOperator::not_in,
      WhereOperator::like, WhereOperator::is,  WhereOperator::is_not};
  ASSERT_EQ(where.conditions.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(where.conditions[i].op, expected[i]) << i;
    EXPECT_EQ(where.conditions[i].column, std::string(1, static_cast<char>('a' + i)));
  }
  EXPECT_EQ(std::get<std::int64_t>(where.conditions[0].operands.at(0).literal), 1);
  EXPECT_EQ(std::get<Decimal>(where.conditions[2].operands.at(0).literal).text, "1.5");
  EXPECT_EQ(std::get<std::string>(where.conditions[4].operands.at(0).literal), "2024-01-01");
  EXPECT_EQ(where.conditions[6].operands.size(), 2u);
  EXPECT_EQ(where.conditions[7].operands.size(), 3u);
  EXPECT_TRUE(where.conditions[9].operands.at(0).is_null());
  EXPECT_EQ(std::get<bool>(where.conditions[10].operands.at(0).literal), true);
}

TEST(ReadWhere, ReadsTheIssuesPartialIndexCondition) {
  const Where where = where_of("where: { discount_code: { ne: null } }\n");
  ASSERT_EQ(where.conditions.size(), 1u);
  EXPECT_EQ(where.conditions[0].column, "discount_code");
  EXPECT_EQ(where.conditions[0].op, WhereOperator::ne);
  EXPECT_TRUE(where.conditions[0].operands.at(0).is_null());
}

TEST(ReadWhere, ReadsShorthandsAsEqIsAndIn) {
  const Where where = where_of("where: { status: paid, deleted_at: null, kind: [a, b] }\n");
  ASSERT_EQ(where.conditions.size(), 3u);
  EXPECT_EQ(where.conditions[0].op, WhereOperator::eq);
  EXPECT_EQ(std::get<std::string>(where.conditions[0].operands.at(0).literal), "paid");
  EXPECT_EQ(where.conditions[1].op, WhereOperator::is);
  EXPECT_TRUE(where.conditions[1].operands.at(0).is_null());
  EXPECT_EQ(where.conditions[2].op, WhereOperator::in);
  EXPECT_EQ(where.conditions[2].operands.size(), 2u);
}

TEST(ReadWhere, AndsSeveralOperatorsOnOneColumnAndAcrossColumns) {
  const Where where = where_of("where: { price: { gt: 0, lte: 100 }, stock: { gt: 0 } }\n");
  ASSERT_EQ(where.conditions.size(), 3u);
  EXPECT_EQ(where.conditions[0].column, "price");
  EXPECT_EQ(where.conditions[0].op, WhereOperator::gt);
  EXPECT_EQ(where.conditions[1].column, "price");
  EXPECT_EQ(where.conditions[1].op, WhereOperator::lte);
  EXPECT_EQ(where.conditions[2].column, "stock");
}

TEST(ReadWhere, KeepsWhereEachConditionAndValueWasWritten) {
  const Where where = where_of("where:\n  price: { gt: 10 }\n  status: paid\n");
  EXPECT_EQ(where.location.line, 2);
  EXPECT_EQ(where.conditions[0].location.line, 2);
  EXPECT_EQ(where.conditions[0].location.column, 12);  // the operator
  EXPECT_EQ(where.conditions[0].operands[0].location.column, 16);
  EXPECT_EQ(where.conditions[1].location.line, 3);
  EXPECT_EQ(where.conditions[1].location.column, 3);  // the column, for a shorthand
}

TEST(ReadWhere, KeepsQuotedNumbersAsText) {
  const Where where = where_of("where: { zip: '01234', code: 01234 }\n");
  EXPECT_EQ(std::get<std::string>(where.conditions[0].operands[0].literal), "01234");
  EXPECT_EQ(std::get<std::int64_t>(where.conditions[1].operands[0].literal), 1234);
}

TEST(ReadWhere, RefusesAnUnknownOperatorSuggestingTheNearest) {
  EXPECT_THAT(error_of("where:\n  a: { nin: [1] }\n"),
              StartsWith("w.yaml:2:8: unknown where operator 'nin' (did you mean 'in'?)"));
  EXPECT_THAT(error_of("where:\n  a: { notin: [1] }\n"), HasSubstr("did you mean 'notIn'?"));
  EXPECT_THAT(error_of("where:\n  a: { between: [1, 2] }\n"), HasSubstr("operators are 'eq', "));
}

TEST(ReadWhere, RefusesOperandsOfTheWrongShape) {
  EXPECT_THAT(error_of("where: { a: { gt: null } }\n"),
              StartsWith("w.yaml:1:19: operand of gt for 'a' must be a number or text, not null"));
  EXPECT_THAT(error_of("where: { a: { lt: true } }\n"), HasSubstr("not true"));
  EXPECT_THAT(error_of("where: { a: { in: [] } }\n"), HasSubstr("non-empty list"));
  EXPECT_THAT(error_of("where: { a: { in: 5 } }\n"), HasSubstr("non-empty list of values"));
  EXPECT_THAT(error_of("where: { a: { in: [1, null] } }\n"),
              StartsWith("w.yaml:1:23: operand of in for 'a' cannot hold null"));
  EXPECT_THAT(error_of("where: { a: { like: 5 } }\n"), HasSubstr("text pattern"));
  EXPECT_THAT(error_of("where: { a: { is: 5 } }\n"), HasSubstr("must be null, true or false"));
  EXPECT_THAT(error_of("where: { a: { not: x } }\n"), HasSubstr("must be null, true or false"));
  EXPECT_THAT(error_of("where: { a: { eq: [1] } }\n"), HasSubstr("must be a single value"));
  EXPECT_THAT(error_of("where: { a: { eq: { b: 1 } } }\n"), HasSubstr("must be a single value"));
  EXPECT_THAT(error_of("where: { a: {} }\n"), HasSubstr("the test for 'a' is empty"));
}

TEST(ReadWhere, RefusesOrAndAnd) {
  EXPECT_THAT(error_of("where: { or: [{ a: 1 }, { b: 2 }] }\n"),
              StartsWith("w.yaml:1:10: 'or' is not supported in where of addIndex"));
  EXPECT_THAT(error_of("where: { and: [] }\n"), HasSubstr("use an sql operation for OR"));
}

TEST(ReadWhere, RefusesAnEmptyWhereUnlessAllowed) {
  EXPECT_THAT(error_of("where: {}\n"), HasSubstr("where of addIndex is empty"));
  EXPECT_TRUE(where_of("where: {}\n", true).conditions.empty());
}

TEST(ReadWhere, RefusesAWhereThatIsNotAMap) {
  EXPECT_THAT(error_of("where: a = 1\n"),
              StartsWith("w.yaml:1:8: where of addIndex must be a map of column tests"));
}

TEST(OperatorName, SpellsOperatorsAsSequelizeDoes) {
  EXPECT_EQ(operator_name(WhereOperator::not_in), "notIn");
  EXPECT_EQ(operator_name(WhereOperator::is_not), "not");
  EXPECT_EQ(operator_name(WhereOperator::gte), "gte");
}

}  // namespace
}  // namespace forge::declarative
