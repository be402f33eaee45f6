// A long history on every dialect (issue 14): 60 declarative units of the kinds a real project
// accumulates (tables with foreign keys, columns added, indexes, renames, type changes, unique
// constraints). Replayed, it dumps the same twice, shows no drift against the migrations
// folder, verify passes every down, and undoing everything leaves an empty schema.
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;

constexpr int k_tables = 12;  // five units each

std::string stamp(int table, int step) {
  char text[32];
  std::snprintf(text, sizeof text, "2024%02d%02d%02d0000", 1 + table / 28, 1 + table % 28, step);
  return text;
}

// The five units of table `i`: each an up and the down that undoes it.
std::vector<std::pair<std::string, std::string>> units_of(int i) {
  const std::string t = "t" + std::to_string(i);
  std::string parent;
  if (i > 1) {
    parent = "        parent_id: { type: INTEGER, references: { table: t" + std::to_string(i - 1) +
             ", column: id }, onDelete: CASCADE }\n";
  }
  return {
      {"create-" + t, "up:\n  - createTable:\n      table: " + t +
                          "\n      columns:\n"
                          "        id: { type: INTEGER, primaryKey: true, autoIncrement: true }\n"
                          "        name: { type: STRING(40) }\n"
                          "        qty: { type: INTEGER, defaultValue: 0 }\n" +
                          parent + "down:\n  - dropTable: { table: " + t + " }\n"},
      {"note-" + t,
       "up:\n  - addColumn: { table: " + t +
           ", column: note, type: STRING(100) }\n  - addIndex: { table: " + t + ", name: " + t +
           "_name, fields: [name] }\ndown:\n  - removeIndex: { table: " + t + ", name: " + t +
           "_name }\n  - removeColumn: { table: " + t + ", column: note }\n"},
      {"rename-" + t, "up:\n  - renameColumn: { table: " + t +
                          ", from: qty, to: quantity }\ndown:\n  - renameColumn: { table: " + t +
                          ", from: quantity, to: qty }\n"},
      {"widen-" + t, "up:\n  - changeColumn: { table: " + t +
                         ", column: name, type: STRING(80), allowNull: false, defaultValue: none "
                         "}\ndown:\n  - changeColumn: { table: " +
                         t + ", column: name, type: STRING(40) }\n"},
      {"unique-" + t, "up:\n  - addConstraint: { table: " + t + ", type: unique, name: " + t +
                          "_note_key, fields: [note] }\ndown:\n  - removeConstraint: { table: " +
                          t + ", name: " + t + "_note_key }\n"},
  };
}

class LongHistory : public DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    for (int i = 1; i <= k_tables; ++i) {
      int step = 0;
      for (const auto& [name, text] : units_of(i)) {
        project.write("migrations/" + stamp(i, ++step) + "-" + name + ".yaml", text);
      }
    }
  }
  std::string dump() const {
    const auto run = forge_db({"db:schema:dump", "--format", "yaml"});
    EXPECT_EQ(run.exit_code, 0) << run;
    return run.out;
  }
};

TEST_P(LongHistory, ReplaysDumpsTheSameShowsNoDriftAndEveryDownUndoesItsUp) {
  const std::string empty = dump();
  const auto migrate = forge_db({"db:migrate"});
  ASSERT_EQ(migrate.exit_code, 0) << migrate;
  EXPECT_THAT(migrate.out, HasSubstr(std::to_string(5 * k_tables))) << migrate;

  const std::string first = dump();
  EXPECT_EQ(first, dump());
  EXPECT_THAT(first, HasSubstr("t12_name"));
  const auto drift = forge_db({"db:schema:diff", url(), "migrations", "--exit-code"});
  EXPECT_EQ(drift.exit_code, 0) << drift;

  // Two catalog reads per unit: give a loaded CI machine time.
  const auto verify =
      project.forge({"db:migrate:verify", "--url", url()}, {}, std::chrono::minutes(3));
  EXPECT_EQ(verify.exit_code, 0) << verify;
  EXPECT_THAT(verify.out, HasSubstr("Every down restores the schema its up started from."))
      << verify;

  const auto undo = forge_db({"db:migrate:undo:all"});
  ASSERT_EQ(undo.exit_code, 0) << undo;
  EXPECT_EQ(dump(), empty);
}

INSTANTIATE_TEST_SUITE_P(AllDialects, LongHistory, k_all_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
