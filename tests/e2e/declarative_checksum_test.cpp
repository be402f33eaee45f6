// The checksum of a declarative unit: taken from its operations as written, so comments and
// layout do not change it and every database records the same one.
#include <nlohmann/json.hpp>

#include "forge_test.hpp"

namespace forge::e2e {
namespace {

const std::string k_checksummed = R"(up:
  - createTable:
      table: tags
      columns:
        id: { type: INTEGER, primaryKey: true }
        label: { type: STRING(40), allowNull: false }
)";

// The same operations: other comments, indentation, flow style; and a written down.
const std::string k_relaid = R"(# tags for products
up:
    - createTable:          # the table
          table: tags
          columns:
              id:    { type: INTEGER,    primaryKey: true }
              label:
                  type: STRING(40)
                  allowNull: false
down:
  - dropTable: { table: tags }
)";

// Applies `yaml` as unit 1 in a fresh project; returns the checksum forge recorded.
std::string fresh_checksum(const std::string& yaml) {
  Project project;
  project.write("migrations/20240101000001-tags.yaml", yaml);
  const auto result = project.forge({"db:migrate", "--url", k_url});
  EXPECT_EQ(result.exit_code, 0) << result;
  const auto rows = SqliteProbe(project.path(k_db)).history();
  return rows.empty() ? std::string("(no row)") : rows.front().checksum;
}

TEST(DeclarativeChecksum, IgnoresCommentsLayoutAndTheDown) {
  const std::string checksum = fresh_checksum(k_checksummed);
  EXPECT_THAT(checksum, ::testing::MatchesRegex("[0-9a-f]{64}"));
  EXPECT_EQ(fresh_checksum(k_relaid), checksum);
}

TEST(DeclarativeChecksum, ChangesWithAValueOfTheUp) {
  std::string changed = k_checksummed;
  changed.replace(changed.find("STRING(40)"), 10, "STRING(41)");
  EXPECT_NE(fresh_checksum(changed), fresh_checksum(k_checksummed));
}

TEST(DeclarativeChecksum, ChangesWithAnOptionSqliteIgnores) {
  // SQLite drops column comments, so the SQL is the same: the checksum is of the unit as
  // written, the same on every database, not of one dialect's SQL.
  std::string commented = k_checksummed;
  commented.replace(commented.find("allowNull: false }"), 18, "allowNull: false, comment: shown }");
  EXPECT_NE(fresh_checksum(commented), fresh_checksum(k_checksummed));
}

TEST(DeclarativeChecksum, OfAReformattedAppliedFileStillMatchesTheRecordedOne) {
  Project project;
  project.write("migrations/20240101000001-tags.yaml", k_checksummed);
  ASSERT_EQ(project.forge({"db:migrate", "--url", k_url}).exit_code, 0);
  const std::string recorded = SqliteProbe(project.path(k_db)).history().at(0).checksum;

  project.write("migrations/20240101000001-tags.yaml", k_relaid);
  const auto status = project.forge({"db:migrate:status", "--json", "--url", k_url});

  ASSERT_EQ(status.exit_code, 0) << status;
  const auto document = nlohmann::json::parse(status.out);
  EXPECT_EQ(document["migrations"].at(0)["checksum"], recorded) << status;
  const auto again = project.forge({"db:migrate", "--url", k_url});
  EXPECT_EQ(again.exit_code, 0) << "a reformatted unit is not a changed unit\n" << again;
}

TEST(DeclarativeChecksum, OfAnAppliedFileWhoseUpChangedNoLongerMatches) {
  Project project;
  project.write("migrations/20240101000001-tags.yaml", k_checksummed);
  ASSERT_EQ(project.forge({"db:migrate", "--url", k_url}).exit_code, 0);
  const std::string recorded = SqliteProbe(project.path(k_db)).history().at(0).checksum;

  std::string changed = k_checksummed;
  changed.replace(changed.find("STRING(40)"), 10, "STRING(41)");
  project.write("migrations/20240101000001-tags.yaml", changed);
  const auto status = project.forge({"db:migrate:status", "--json", "--url", k_url});

  ASSERT_EQ(status.exit_code, 0) << status;
  EXPECT_NE(nlohmann::json::parse(status.out)["migrations"].at(0)["checksum"], recorded) << status;
}

}  // namespace
}  // namespace forge::e2e
