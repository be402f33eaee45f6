#include "util/json_text.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace forge::util {
namespace {

using ::testing::HasSubstr;

TEST(JsonText, IndentsLikeDump) {
  const nlohmann::ordered_json document = {{"name", "café"}, {"up", true}};
  EXPECT_EQ(json_text(document), document.dump(2));
  EXPECT_EQ(json_text(document, -1), "{\"name\":\"café\",\"up\":true}");
}

TEST(JsonText, ReplacesBytesThatAreNotUtf8InsteadOfThrowing) {
  const nlohmann::ordered_json document = {{"file", "migrations/1-caf\xe9.sql"}};
  EXPECT_THROW((void)document.dump(), nlohmann::json::type_error);
  EXPECT_THAT(json_text(document), HasSubstr("\"migrations/1-caf\xEF\xBF\xBD.sql\""));
}

TEST(JsonText, ReplacesInvalidBytesInKeysAndNestedValuesToo) {
  nlohmann::ordered_json document;
  document["units"] = nlohmann::ordered_json::array({{{"name\xff", "a\xc3"}}});
  const std::string text = json_text(document, -1);
  EXPECT_EQ(text, "{\"units\":[{\"name\xEF\xBF\xBD\":\"a\xEF\xBF\xBD\"}]}");
  EXPECT_EQ(nlohmann::json::parse(text)["units"][0]["name\xEF\xBF\xBD"], "a\xEF\xBF\xBD");
}

}  // namespace
}  // namespace forge::util
