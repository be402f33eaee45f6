#include "core/config_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "support/temp_folder.hpp"

namespace forge::core {
namespace {

using ::testing::HasSubstr;
using Type = ConfigValue::Type;

std::string config_error_of(const ConfigValue& value, std::initializer_list<Type> also = {}) {
  try {
    text_of(value, "f.json (\"k\")", also);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ReadConfigFile, KeepsEachValuesJsonTypeAndLeavesNullsOut) {
  testing::TempFolder folder;
  const ConfigFile file = read_config_file(folder.write("f.json", R"({"development": {
      "url": "sqlite:a.db", "port": 5432, "strict": true, "pool": {"max": 1}, "hosts": ["a"],
      "password": null}})"));
  const ConfigValues& values = file.environments.at("development");
  EXPECT_EQ(values.at("url").type, Type::string);
  EXPECT_EQ(values.at("url").text, "sqlite:a.db");
  EXPECT_EQ(values.at("port").type, Type::number);
  EXPECT_EQ(values.at("port").text, "5432");
  EXPECT_EQ(values.at("strict").type, Type::boolean);
  EXPECT_EQ(values.at("strict").text, "true");
  EXPECT_EQ(values.at("pool").type, Type::object);
  EXPECT_EQ(values.at("hosts").type, Type::list);
  EXPECT_EQ(values.count("password"), 0u);
}

TEST(ReadConfigFile, NamesTheTopLevelEntriesThatAreNotObjects) {
  testing::TempFolder folder;
  const ConfigFile file = read_config_file(folder.write(
      "f.json", R"({"development": "sqlite:a.db", "test": [], "ci": null, "prod": {}})"));
  EXPECT_EQ(file.environments.count("prod"), 1u);
  EXPECT_EQ(file.not_objects.at("development"), "a string");
  EXPECT_EQ(file.not_objects.at("test"), "a list");
  EXPECT_EQ(file.not_objects.at("ci"), "null");
}

TEST(TextOf, GivesAStringsText) {
  EXPECT_EQ(text_of({Type::string, "db.sqlite"}, "here"), "db.sqlite");
}

TEST(TextOf, RefusesEveryOtherTypeNamingWhereAndWhatWasFound) {
  EXPECT_EQ(config_error_of({Type::number, "42"}),
            "f.json (\"k\"): must be a string, not a number");
  EXPECT_THAT(config_error_of({Type::boolean, "true"}), HasSubstr("not a boolean"));
  EXPECT_THAT(config_error_of({Type::list, ""}), HasSubstr("not a list"));
  EXPECT_THAT(config_error_of({Type::object, ""}), HasSubstr("not an object"));
}

TEST(TextOf, RefusesTextHoldingANulCharacter) {
  EXPECT_EQ(config_error_of({Type::string, std::string("dev\0.db", 6)}),
            "f.json (\"k\"): holds a NUL character (\\u0000)");
}

TEST(TextOf, TakesTheOtherTypesItIsToldTo) {
  EXPECT_EQ(text_of({Type::number, "5432"}, "here", {Type::number}), "5432");
  EXPECT_EQ(text_of({Type::boolean, "false"}, "here", {Type::boolean}), "false");
  EXPECT_THAT(config_error_of({Type::list, ""}, {Type::number}),
              HasSubstr("must be a string or a number, not a list"));
}

}  // namespace
}  // namespace forge::core
