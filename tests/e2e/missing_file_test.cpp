// An applied unit whose file has been deleted.
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class MissingFile : public ForgeTest {
 protected:
  void SetUp() override {
    kept = add_table_unit("20240101000001", "create-kept", "kept");
    gone = add_table_unit("20240101000002", "create-gone", "gone");
    ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
    project.remove("migrations/" + gone + ".sql");
  }
  std::string kept, gone;
};

TEST_F(MissingFile, StatusShowsTheUnitAsUpWithAMissingFileMark) {
  const auto result = forge_db({"db:migrate:status"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(lines_of(result.out), ElementsAre("up " + kept, "up " + gone + " (missing file)"))
      << result;
}

TEST_F(MissingFile, UndoingItRefusesAndKeepsItsHistoryRow) {
  const auto result = forge_db({"db:migrate:undo"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("cannot undo " + gone)) << result;
  EXPECT_THAT(result.err, HasSubstr("missing")) << result;
  EXPECT_THAT(db().applied(), ElementsAre(kept, gone));
  EXPECT_TRUE(db().has_table("gone"));
}

TEST_F(MissingFile, UndoingItByNameRefusesToo) {
  const auto result = forge_db({"db:migrate:undo", "--name", gone});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(db().applied(), ElementsAre(kept, gone));
}

TEST_F(MissingFile, DoesNotStopMigrateFromApplyingNewUnits) {
  const std::string added = add_table_unit("20240101000003", "create-added", "added");

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().applied(), ElementsAre(kept, gone, added));
}

}  // namespace
}  // namespace forge::e2e
