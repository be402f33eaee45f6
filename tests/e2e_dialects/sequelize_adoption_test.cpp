// Adopting a database sequelize-cli has been migrating: forge reads and extends its
// SequelizeMeta table (rows named `<unit>.js`) on every dialect, and sequelize-cli's own
// statements keep working on it afterwards.
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

class SequelizeAdoption : public DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    users = add_table_unit("20240101000001", "create-users", "users");
    orders = add_table_unit("20240101000002", "create-orders", "orders");
    items = add_table_unit("20240101000003", "create-items", "items");
    // What sequelize-cli left behind after running the first two units' .js twins.
    connect();  // the database exists (SQLite: the probe opens, never creates, the file)
    db().execute(create_table("users"));
    db().execute(create_table("orders"));
    db().execute("CREATE TABLE " + meta() + " (" + quoted("name") +
                 " VARCHAR(255) NOT NULL UNIQUE PRIMARY KEY)");
    sequelize_inserts(users + ".js");
    sequelize_inserts(orders + ".js");
  }

  std::string quoted(const std::string& name) const {
    return dialect() == "mysql" ? "`" + name + "`" : "\"" + name + "\"";
  }
  std::string meta() const { return quoted("SequelizeMeta"); }

  // sequelize-cli's own statements on its table.
  void sequelize_inserts(const std::string& name) const {
    db().execute("INSERT INTO " + meta() + " (" + quoted("name") + ") VALUES ('" + name + "')");
  }
  std::vector<std::string> sequelize_names() const {
    std::string all;
    if (dialect() == "postgres") {
      all = db().scalar("SELECT string_agg(\"name\", ',' ORDER BY \"name\") FROM " + meta());
    } else if (dialect() == "mysql") {
      all = db().scalar("SELECT GROUP_CONCAT(`name` ORDER BY `name` SEPARATOR ',') FROM " + meta());
    } else {
      all = db().scalar("SELECT group_concat(name, ',') FROM (SELECT name FROM " + meta() +
                        " ORDER BY name)");
    }
    std::vector<std::string> names;
    for (std::size_t start = 0; !all.empty() && start <= all.size();) {
      const auto end = std::min(all.find(',', start), all.size());
      names.push_back(all.substr(start, end - start));
      start = end + 1;
    }
    return names;
  }

  ProcessResult forge_meta(std::vector<std::string> args) const {
    args.insert(args.end(), {"--meta-table", "SequelizeMeta"});
    return forge_db(args);
  }

  std::string users, orders, items;
};

TEST_P(SequelizeAdoption, StatusReadsSequelizeMetaWithoutChangingIt) {
  const auto status = forge_meta({"db:migrate:status"});

  ASSERT_EQ(status.exit_code, 0) << status;
  EXPECT_THAT(lines_of(status.out),
              ElementsAre("up " + users + ".js", "up " + orders + ".js", "down " + items))
      << status;
  EXPECT_FALSE(db().has_column("SequelizeMeta", "checksum"));  // read-only: nothing added
  EXPECT_FALSE(db().has_table("ForgeMeta"));
}

TEST_P(SequelizeAdoption, TheHistoryTableIsTakenFromTheConfigsMigrationStorageTableName) {
  project.write("forge.json", "{\"development\": {\"url\": \"" + url() +
                                  "\", \"migrationStorageTableName\": \"SequelizeMeta\"}}");

  const auto status = project.forge({"db:migrate:status"});

  ASSERT_EQ(status.exit_code, 0) << status;
  EXPECT_THAT(lines_of(status.out),
              ElementsAre("up " + users + ".js", "up " + orders + ".js", "down " + items))
      << status;
}

TEST_P(SequelizeAdoption, MigrateAppliesOnlyTheUnitSequelizeDidNotRunAndKeepsItsRows) {
  const auto migrated = forge_meta({"db:migrate"});

  ASSERT_EQ(migrated.exit_code, 0) << migrated;
  EXPECT_EQ(occurrences(migrated.out, ": migrated ("), 1u) << migrated;
  EXPECT_THAT(migrated.out, HasSubstr("== " + items + ": migrated")) << migrated;
  EXPECT_TRUE(db().has_table("items"));
  EXPECT_THAT(sequelize_names(), ElementsAre(users + ".js", orders + ".js", items));
  EXPECT_TRUE(db().has_column("SequelizeMeta", "checksum"));
  EXPECT_FALSE(db().has_table("ForgeMeta"));
  EXPECT_THAT(lines_of(forge_meta({"db:migrate:status"}).out),
              ElementsAre("up " + users + ".js", "up " + orders + ".js", "up " + items));
}

TEST_P(SequelizeAdoption, UndoRevertsForgesUnitThenDeletesSequelizesJsRow) {
  ASSERT_EQ(forge_meta({"db:migrate"}).exit_code, 0);

  const auto first = forge_meta({"db:migrate:undo"});
  ASSERT_EQ(first.exit_code, 0) << first;
  EXPECT_THAT(first.out, HasSubstr("== " + items + ": reverted")) << first;
  EXPECT_FALSE(db().has_table("items"));
  EXPECT_THAT(sequelize_names(), ElementsAre(users + ".js", orders + ".js"));

  const auto second = forge_meta({"db:migrate:undo"});
  ASSERT_EQ(second.exit_code, 0) << second;
  EXPECT_THAT(second.out, HasSubstr("== " + orders + ": reverted")) << second;
  EXPECT_FALSE(db().has_table("orders"));
  EXPECT_TRUE(db().has_table("users"));
  EXPECT_THAT(sequelize_names(), ElementsAre(users + ".js"));
  EXPECT_THAT(lines_of(forge_meta({"db:migrate:status"}).out),
              ElementsAre("up " + users + ".js", "down " + orders, "down " + items));
}

TEST_P(SequelizeAdoption, SequelizeCanStillRecordAUnitAfterForgeExtendedItsTable) {
  ASSERT_EQ(forge_meta({"db:migrate"}).exit_code, 0);
  const std::string later = "20240101000004-add-codes.js";

  ASSERT_NO_THROW(sequelize_inserts(later));

  EXPECT_THAT(sequelize_names(), ElementsAre(users + ".js", orders + ".js", items, later));
  const auto status = forge_meta({"db:migrate:status"});
  EXPECT_EQ(status.exit_code, 0) << status;
  EXPECT_THAT(status.out, HasSubstr("up 20240101000004-add-codes.js (missing file)")) << status;
  EXPECT_THAT(status.out, Not(HasSubstr("changed"))) << status;
}

TEST_P(SequelizeAdoption, AUnitWithAJavaScriptTwinIsRecordedUnderTheTwinsName) {
  project.write("migrations/" + items + ".js", "module.exports = { up() {}, down() {} };");

  const auto migrated = forge_meta({"db:migrate"});

  ASSERT_EQ(migrated.exit_code, 0) << migrated;
  EXPECT_THAT(migrated.err, Not(HasSubstr("JavaScript"))) << "a twin stands in: no warning";
  // sequelize-cli, reading its table, finds the .js migration applied and will not run it.
  EXPECT_THAT(sequelize_names(), ElementsAre(users + ".js", orders + ".js", items + ".js"));
}

INSTANTIATE_TEST_SUITE_P(AllDialects, SequelizeAdoption, k_all_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
