// The advisory lock's key must never change between releases: two forge versions migrating one
// database at once must take the same lock.
#include <gtest/gtest.h>

#include "dialect/postgres/postgres_sql.hpp"

namespace forge::dialect::postgres {
namespace {

TEST(PostgresLockKey, IsTheKeyTheFirstReleaseTook) {
  // FNV-1a (from the first release's basis) over "forge-migrations:" and the name, as computed
  // by hand outside forge.
  EXPECT_EQ(advisory_lock_key("app_production"), -1410272659166811267LL);
  EXPECT_NE(advisory_lock_key("app_production"), advisory_lock_key("app_staging"));
}

}  // namespace
}  // namespace forge::dialect::postgres
