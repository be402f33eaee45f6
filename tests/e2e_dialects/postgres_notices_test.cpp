// What PostgreSQL says besides errors: WARNINGs reach the user, NOTICEs (IF EXISTS skipping,
// also after forge's own SQL) only with -v.
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class PostgresNotices : public DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    add_unit("1-notices", unit_sql("DROP TABLE IF EXISTS nothing_here;\n"
                                   "DO $$ BEGIN RAISE WARNING 'check the data'; END $$;",
                                   ""));
  }
};

TEST_P(PostgresNotices, WarningsAreShownAndNoticesOnlyWhenVerbose) {
  const auto quiet = forge_db({"db:migrate"});
  ASSERT_EQ(quiet.exit_code, 0) << quiet;
  EXPECT_THAT(quiet.err, HasSubstr("warning: postgres: WARNING:  check the data")) << quiet;
  EXPECT_THAT(quiet.err, Not(HasSubstr("nothing_here"))) << quiet;

  ASSERT_EQ(forge_db({"db:migrate:undo"}).exit_code, 0);
  const auto verbose = forge_db({"db:migrate", "-v"});
  ASSERT_EQ(verbose.exit_code, 0) << verbose;
  EXPECT_THAT(verbose.err, HasSubstr("NOTICE:  table \"nothing_here\" does not exist, skipping"))
      << verbose;
}

INSTANTIATE_TEST_SUITE_P(Postgres, PostgresNotices, ::testing::Values("postgres"), dialect_name);

}  // namespace
}  // namespace forge::e2e
