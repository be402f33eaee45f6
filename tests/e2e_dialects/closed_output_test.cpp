// forge started with stdout closed (`>&-`) or on a full device: the closed descriptor must not
// become the database connection (progress lines written into the protocol), and a report that
// could not be written is a failure (exit 7), never silence -- the units still run exactly once.
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;

class ClosedOutput : public DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    add_table_unit("20240101000001", "create-a", "a");
    add_table_unit("20240101000002", "create-b", "b");
  }
  ProcessResult migrate_with(const std::string& redirections) const {
    return project.forge_redirected({"db:migrate", "--url", url()}, redirections);
  }
};

TEST_P(ClosedOutput, StdoutClosedStillMigratesEveryUnit) {
  const auto result = migrate_with(">&-");

  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(db().history().size(), 2u);
  EXPECT_TRUE(db().has_table("a"));
  EXPECT_TRUE(db().has_table("b"));
}

TEST_P(ClosedOutput, StdinAndStderrClosedStillMigrateEveryUnit) {
  const auto result = migrate_with("<&- 2>&-");

  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(db().history().size(), 2u);
}

TEST_P(ClosedOutput, AFullStdoutExitsSevenAfterRecordingWhatRan) {
  const auto result = migrate_with(">/dev/full");

  EXPECT_EQ(result.exit_code, 7) << result;
  EXPECT_THAT(result.err, HasSubstr("could not write forge's output")) << result;
  EXPECT_EQ(db().history().size(), 2u);
  // Nothing is left to do: the rerun says so and exits 0.
  const auto again = forge_db({"db:migrate"});
  EXPECT_EQ(again.exit_code, 0) << again;
  EXPECT_THAT(again.out, HasSubstr("No migrations were executed")) << again;
}

INSTANTIATE_TEST_SUITE_P(Dialects, ClosedOutput, k_all_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
