// Findings refined by the rows the live database holds: counted per table once, an empty table
// makes a row-dependent finding information only, losses keep their level.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "core/lint/live_rows.hpp"

namespace forge::core::lint {
namespace {

using ::testing::HasSubstr;

LintStatement statement(int line, StatementShape shape) {
  LintStatement s;
  s.position = Position{"u.sql", line, 1};
  s.shape = std::move(shape);
  return s;
}

Finding finding(const std::string& code, int line, Severity severity) {
  Finding f;
  f.position = Position{"u.sql", line, 1};
  f.code = code;
  f.severity = severity;
  f.message = "m";
  return f;
}

TEST(LintLiveRows, RowDependentFindingsOnEmptyTablesBecomeInformation) {
  LintUnit unit;
  unit.statements.push_back(statement(1, CreateIndex{"orders", "i", false, false}));
  unit.statements.push_back(statement(2, CreateIndex{"users", "j", false, false}));
  unit.statements.push_back(statement(3, DropTable{{"orders"}}));
  unit.statements.push_back(statement(4, CreateIndex{"ghosts", "k", false, false}));
  std::vector<Finding> findings{
      finding("FORGE-PG001", 1, Severity::error), finding("FORGE-PG001", 2, Severity::error),
      finding("FORGE-D001", 3, Severity::error), finding("FORGE-PG001", 4, Severity::error),
      finding("FORGE-U001", 9, Severity::warning)};
  std::map<std::string, int> asked;
  refine_with_rows(findings, unit, [&](const std::string& table) -> std::optional<long long> {
    ++asked[table];
    if (table == "users") return 2000000;
    if (table == "orders") return 0;
    return std::nullopt;
  });

  EXPECT_EQ(findings[0].severity, Severity::info);
  EXPECT_THAT(findings[0].message, HasSubstr("orders holds 0 rows"));
  EXPECT_EQ(findings[1].severity, Severity::error);
  EXPECT_THAT(findings[1].message, HasSubstr("users holds more than 1000000 rows"));
  EXPECT_EQ(findings[2].severity, Severity::error) << "a drop stays an error on an empty table";
  EXPECT_THAT(findings[2].message, HasSubstr("orders holds 0 rows"));
  EXPECT_EQ(findings[3].severity, Severity::error) << "a table not there is not known empty";
  EXPECT_EQ(findings[3].message, "m");
  EXPECT_EQ(findings[4].message, "m");
  EXPECT_EQ(asked["orders"], 1);
}

}  // namespace
}  // namespace forge::core::lint
