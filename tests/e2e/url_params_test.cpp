// A SQLite URL's parameters: ?mode=ro opens the file read-only (a write exits 3 and changes
// nothing, reading works), and a parameter forge does not act on is refused, not dropped.
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;

class UrlParams : public ForgeTest {};

TEST_F(UrlParams, ModeRoRefusesWritesWithExitThreeAndStillReads) {
  add_table_unit("1", "create-t", "t");
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  add_table_unit("2", "create-u", "u");
  const std::string read_only = "sqlite:db/dev.sqlite3?mode=ro";

  const auto migrate = project.forge({"db:migrate", "--url", read_only});
  const auto status = project.forge({"db:migrate:status", "--url", read_only});

  EXPECT_EQ(migrate.exit_code, 3) << migrate;
  EXPECT_THAT(migrate.err, HasSubstr("cannot take writes")) << migrate;
  EXPECT_EQ(db().scalar("SELECT count(*) FROM sqlite_master WHERE name = 'u'"), "0");
  EXPECT_EQ(status.exit_code, 0) << status;
  EXPECT_THAT(status.out, HasSubstr("up 1-create-t")) << status;
  EXPECT_THAT(status.out, HasSubstr("down 2-create-u")) << status;
}

TEST_F(UrlParams, AParameterForgeDoesNotActOnIsRefusedWithExitTwo) {
  add_table_unit("1", "create-t", "t");

  const auto result = project.forge({"db:migrate", "--url", "sqlite:db/dev.sqlite3?cache=shared"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("'cache'")) << result;
  EXPECT_FALSE(project.exists("db/dev.sqlite3"));
}

// PostgreSQL's parameters go to libpq; one it does not know is the URL's mistake (exit 2), not
// a connection failure (exit 3) -- checked before any connection is tried.
TEST_F(UrlParams, APostgresParameterLibpqDoesNotKnowIsRefusedWithExitTwo) {
  add_table_unit("1", "create-t", "t");

  const auto result = project.forge(
      {"db:migrate", "--url", "postgres://app:Secr3tPw@127.0.0.1:1/shop?sslmod=require"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("'sslmod' means nothing to PostgreSQL")) << result;
  EXPECT_THAT(result.err, ::testing::Not(HasSubstr("Secr3tPw"))) << result;
}

}  // namespace
}  // namespace forge::e2e
