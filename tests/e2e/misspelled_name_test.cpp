// SQLite reads a double-quoted name that matches no column as a string unless told otherwise:
// a misspelled column in a declarative unit's where, index or check -- which forge quotes with
// double quotes -- then "succeeds" and does nothing, or the wrong thing. Each must fail naming
// the column, and leave the history without the unit.
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;

const std::string k_users = R"(up:
  - createTable:
      table: users
      columns:
        id: { type: INTEGER, primaryKey: true }
        email: { type: STRING }
  - bulkInsert:
      table: users
      rows:
        - { id: 1, email: a@example.com }
        - { id: 2, email: b@example.com }
)";

class MisspelledName : public ForgeTest {
 protected:
  void SetUp() override {
    ForgeTest::SetUp();
    project.write("migrations/20240101000001-create-users.yaml", k_users);
  }
  // Migrates with `up` as the second unit; it must fail on the name "emial".
  void expect_refused(const std::string& up) {
    project.write("migrations/20240101000002-misspelled.yaml", "up:\n" + up + "down: []\n");
    const auto result = forge_db({"db:migrate"});

    EXPECT_EQ(result.exit_code, 1) << result;
    EXPECT_THAT(result.err, HasSubstr("no such column: emial")) << result;
    EXPECT_THAT(result.err, HasSubstr("20240101000002-misspelled.yaml")) << result;
    EXPECT_EQ(db().scalar("SELECT count(*) FROM users"), "2");
    EXPECT_EQ(db().scalar("SELECT count(*) FROM ForgeMeta"), "1");
  }
};

TEST_F(MisspelledName, InABulkDeleteWhereFailsInsteadOfDeletingNothing) {
  expect_refused("  - bulkDelete: { table: users, where: { emial: a@example.com } }\n");
}

TEST_F(MisspelledName, InAnIndexFailsInsteadOfIndexingAConstant) {
  expect_refused("  - addIndex: { table: users, fields: [emial], name: users_emial }\n");
}

TEST_F(MisspelledName, InACheckConstraintFailsInsteadOfCheckingAConstant) {
  expect_refused(
      "  - addConstraint: { table: users, type: check, name: users_emial_set, "
      "where: { emial: { ne: null } } }\n");
}

TEST_F(MisspelledName, InRawSqlSaysWhyADoubleQuotedWordIsAName) {
  project.write("migrations/20240101000002-misspelled.sql",
                unit_sql("UPDATE users SET email = \"c@example.com\" WHERE id = 1;", ""));
  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("write text in single quotes, 'c@example.com'")) << result;
  EXPECT_EQ(db().scalar("SELECT email FROM users WHERE id = 1"), "a@example.com");
}

}  // namespace
}  // namespace forge::e2e
