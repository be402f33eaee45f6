#include "dialect/mysql/galera.hpp"

#include <gtest/gtest.h>

#include "dialect/mysql/mysql_sql.hpp"

namespace forge::dialect::mysql {
namespace {

TEST(GaleraErrors, LostQuorumAndUnreplicatedCommitsNameTheNodeAndThePrimaryComponent) {
  const auto not_primary = cluster_trouble(1047, true, "127.0.0.1:4000/app");
  ASSERT_TRUE(not_primary.has_value());
  EXPECT_NE(not_primary->find("127.0.0.1:4000/app"), std::string::npos);
  EXPECT_NE(not_primary->find("Primary Component (lost quorum?)"), std::string::npos);
  ASSERT_TRUE(cluster_trouble(1180, true, "n").has_value());
}

TEST(GaleraErrors, ADeadlockIsACertificationConflictOnlyOnGalera) {
  const auto conflict = cluster_trouble(1213, true, "n");
  ASSERT_TRUE(conflict.has_value());
  EXPECT_NE(conflict->find("certification conflict with another node's write"), std::string::npos);
  EXPECT_FALSE(cluster_trouble(1213, false, "n").has_value());
}

TEST(GaleraErrors, OrdinaryStatementErrorsAreNotClusterTrouble) {
  EXPECT_FALSE(cluster_trouble(1064, true, "n").has_value());  // syntax
  EXPECT_FALSE(cluster_trouble(1146, true, "n").has_value());  // no such table
}

TEST(MysqlHistoryUpsert, KeepsAnAppliedRowAgainstAnUpRunsRowAndSetsStateLast) {
  const std::string sql = upsert_history_sql("Meta");
  EXPECT_NE(sql.find("state = 'applied' AND VALUES(state) NOT IN ('applied', 'reverting')"),
            std::string::npos);
  // The condition reads state, so every other column must be assigned before it.
  EXPECT_GT(sql.rfind("state = IF("), sql.rfind("progress = IF("));
}

}  // namespace
}  // namespace forge::dialect::mysql
