// The bundled Sequelize project (migrations-examples/sequelize-blog: .sequelizerc,
// config/config.js with use_env_variable, JavaScript migrations and seeders) migrated, seeded and
// undone by forge on every dialect, as sequelize-cli would, with Node from Debian's packages.
#include <filesystem>

#include "dialect_test.hpp"

#ifndef FORGE_SEQUELIZE_EXAMPLE
#error "FORGE_SEQUELIZE_EXAMPLE must name migrations-examples/sequelize-blog"
#endif

namespace forge::e2e {
namespace {

class SequelizeExample : public DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    std::filesystem::copy(FORGE_SEQUELIZE_EXAMPLE, project.path("."),
                          std::filesystem::copy_options::recursive |
                              std::filesystem::copy_options::overwrite_existing);
  }
  // forge as the project's deploy step runs it: `--env test` reads DATABASE_URL.
  ProcessResult forge(const std::vector<std::string>& command) const {
    std::vector<std::string> args = command;
    args.insert(args.end(), {"--env", "test"});
    return project.forge(args, {{"DATABASE_URL", url()}});
  }
  std::string quoted(const std::string& name) const {
    return dialect() == "mysql" ? "`" + name + "`" : "\"" + name + "\"";
  }
  std::string count(const std::string& table) const {
    return db().scalar("SELECT COUNT(*) FROM " + quoted(table));
  }
};

TEST_P(SequelizeExample, MigratesSeedsAndUndoesEverything) {
  const auto migrated = forge({"db:migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << migrated;
  EXPECT_EQ(count("SequelizeMeta"), "10");
  EXPECT_TRUE(db().has_column("Users", "fullName"));
  EXPECT_FALSE(db().has_column("Users", "bio"));
  EXPECT_TRUE(db().has_column("Posts", "published"));

  const auto seeded = forge({"db:seed:all"});
  ASSERT_EQ(seeded.exit_code, 0) << seeded;
  EXPECT_EQ(count("Posts"), "2");
  EXPECT_EQ(count("SequelizeData"), "2");
  EXPECT_EQ(db().scalar("SELECT " + quoted("posts") + " FROM " + quoted("PostCounts") +
                        " ORDER BY " + quoted("userId") + " LIMIT 1"),
            "1");

  const auto status = forge({"db:migrate:status"});
  EXPECT_THAT(status.out, ::testing::HasSubstr("up 20240305130100-publish-admin-posts.js"))
      << status;

  const auto unseeded = forge({"db:seed:undo:all"});
  ASSERT_EQ(unseeded.exit_code, 0) << unseeded;
  EXPECT_EQ(count("Users"), "0");

  const auto undone = forge({"db:migrate:undo:all"});
  ASSERT_EQ(undone.exit_code, 0) << undone;
  EXPECT_FALSE(db().has_table("Users"));
  EXPECT_FALSE(db().has_table("Posts"));
  EXPECT_EQ(count("SequelizeMeta"), "0");

  const auto again = forge({"db:migrate"});
  ASSERT_EQ(again.exit_code, 0) << again;
}

INSTANTIATE_TEST_SUITE_P(AllDialects, SequelizeExample, k_all_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
