// A declarative unit far wider than any database allows: read in time linear in its size (the
// bench/yaml-read benchmark measures that), and refused before anything runs, at its line, with
// the database's limit -- not by the database part-way through a run.
#include <filesystem>

#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;

class WideUnit : public ForgeTest {
 protected:
  void SetUp() override {
    ForgeTest::SetUp();
    add_table_unit("1", "create-first", "first");
    std::string text = "up:\n  - createTable:\n      table: wide\n      columns:\n";
    for (int i = 0; i < 50000; ++i) {
      text += "        c" + std::to_string(i) + ": { type: STRING(20), allowNull: true }\n";
    }
    project.write("migrations/2_wide.yaml", text + "down:\n  - dropTable: { table: wide }\n");
  }
};

// Units are rendered for the database as they are read, so status refuses it the same way.
TEST_F(WideUnit, IsRefusedWithTheDatabasesLimitBeforeAnythingRuns) {
  for (const char* command : {"db:migrate", "db:migrate:status"}) {
    const auto result = forge_db({command});

    EXPECT_EQ(result.exit_code, 2) << result;
    EXPECT_THAT(result.err, HasSubstr("migrations/2_wide.yaml:2:5: createTable wide has 50000 "
                                      "columns; sqlite allows at most 2000 in one table"))
        << result;
  }
  EXPECT_FALSE(project.exists(k_db));
}

// Two keys of one map are still found, however many keys the map has.
TEST_F(WideUnit, ARepeatedColumnIsStillFoundAtItsLine) {
  std::filesystem::remove(project.path("migrations/2_wide.yaml"));
  project.write("migrations/3_twice.yaml",
                "up:\n  - createTable:\n      table: twice\n      columns:\n        a: { type: "
                "INTEGER }\n        b: { type: INTEGER }\n        a: { type: INTEGER }\n");

  const auto result = forge_db({"db:migrate:status"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("migrations/3_twice.yaml:7:9: 'a' is written twice in one map "
                                    "(first at migrations/3_twice.yaml:5:9)"))
      << result;
}

}  // namespace
}  // namespace forge::e2e
