// migration:generate --format: declarative (YAML, JSON) unit templates that run as written.
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;

struct Format {
  const char* flag;
  const char* extension;
};

std::ostream& operator<<(std::ostream& os, const Format& format) { return os << format.flag; }

class GenerateDeclarative : public ForgeTest, public ::testing::WithParamInterface<Format> {
 protected:
  static std::string printed_path(const ProcessResult& result) {
    const auto lines = lines_of(result.out);
    return lines.empty() ? std::string() : lines.back();
  }
};

TEST_P(GenerateDeclarative, WritesAUnitNamedWithItsExtension) {
  const auto result =
      project.forge({"migration:generate", "--name", "add-example", "--format", GetParam().flag});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(printed_path(result), MatchesRegex("migrations/[0-9]{14}-add-example\\." +
                                                 std::string(GetParam().extension)))
      << result;
  EXPECT_TRUE(project.exists(printed_path(result)));
}

TEST_P(GenerateDeclarative, WritesATemplateThatMigratesAndUndoesCleanly) {
  const auto generated =
      project.forge({"migration:generate", "--name", "add-example", "--format", GetParam().flag});
  ASSERT_EQ(generated.exit_code, 0) << generated;
  const std::string path = printed_path(generated);
  const std::string unit = path.substr(std::string("migrations/").size(),
                                       path.size() - std::string("migrations/").size() -
                                           std::string(GetParam().extension).size() - 1);

  const auto migrated = forge_db({"db:migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << migrated;
  EXPECT_THAT(db().applied(), ElementsAre(unit));
  EXPECT_TRUE(db().has_table("example"));

  const auto undone = forge_db({"db:migrate:undo"});
  ASSERT_EQ(undone.exit_code, 0) << undone;
  EXPECT_THAT(db().applied(), IsEmpty());
  EXPECT_FALSE(db().has_table("example"));
}

INSTANTIATE_TEST_SUITE_P(Formats, GenerateDeclarative,
                         ::testing::Values(Format{"yaml", "yaml"}, Format{"json", "json"},
                                           Format{"YAML", "yaml"}),
                         [](const ::testing::TestParamInfo<Format>& info) {
                           return std::string(info.param.flag) + "_" + std::to_string(info.index);
                         });

TEST(GenerateFormat, SqlIsStillTheDefaultAndCanBeNamed) {
  Project project;
  const auto by_default = project.forge({"migration:generate", "--name", "a"});
  const auto named = project.forge({"migration:generate", "--name", "b", "--format", "sql"});
  ASSERT_EQ(by_default.exit_code, 0) << by_default;
  ASSERT_EQ(named.exit_code, 0) << named;
  EXPECT_THAT(lines_of(by_default.out).back(), MatchesRegex("migrations/[0-9]{14}-a\\.sql"));
  EXPECT_THAT(lines_of(named.out).back(), MatchesRegex("migrations/[0-9]{14}-b\\.sql"));
}

TEST(GenerateFormat, RefusesAnUnknownFormatAsAUsageErrorWritingNothing) {
  Project project;
  const auto result = project.forge({"migration:generate", "--name", "x", "--format", "xml"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("xml")) << result;
  EXPECT_THAT(result.out, IsEmpty());
  EXPECT_TRUE(!project.exists("migrations") || project.list("migrations").empty());
}

}  // namespace
}  // namespace forge::e2e
