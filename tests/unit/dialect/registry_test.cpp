#include "dialect/registry.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "support/temp_folder.hpp"

namespace forge::dialect {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(Connect, OpensASqliteDatabase) {
  testing::TempFolder folder;
  const auto url = core::parse_database_url("sqlite:" + (folder.path() / "app.db").string());
  auto connection = connect(url);
  ASSERT_NE(connection, nullptr);
  EXPECT_EQ(connection->dialect(), core::Dialect::sqlite);
  EXPECT_THAT(connection->read_history("ForgeMeta"), ::testing::IsEmpty());
}

TEST(Connect, ReportsAServerItCannotReachWithoutShowingThePassword) {
  // Port 1 on the loopback address refuses at once: no server is needed to see the failure.
  for (const char* text : {"postgres://app:registry-secret@127.0.0.1:1/shop",
                           "mysql://app:registry-secret@127.0.0.1:1/shop"}) {
    const auto url = core::parse_database_url(text);
    try {
      connect(url);
      ADD_FAILURE() << "expected a ConnectionError for " << url.redacted();
    } catch (const ConnectionError& e) {
      EXPECT_THAT(e.what(), Not(HasSubstr("registry-secret"))) << url.redacted();
    }
  }
}

}  // namespace
}  // namespace forge::dialect
