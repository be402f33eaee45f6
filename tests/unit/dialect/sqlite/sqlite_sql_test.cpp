#include "dialect/sqlite/sqlite_sql.hpp"

#include <gtest/gtest.h>

namespace forge::dialect::sqlite {
namespace {

TEST(QuoteIdentifier, WrapsTheNameInDoubleQuotes) {
  EXPECT_EQ(quote_identifier("ForgeMeta"), "\"ForgeMeta\"");
}

TEST(QuoteIdentifier, DoublesEmbeddedQuotes) { EXPECT_EQ(quote_identifier("a\"b"), "\"a\"\"b\""); }

TEST(HistorySql, NamesTheQuotedTable) {
  EXPECT_NE(create_history_sql("Meta").find("CREATE TABLE IF NOT EXISTS \"Meta\""),
            std::string::npos);
  EXPECT_NE(upsert_history_sql("Meta").find("INSERT INTO \"Meta\""), std::string::npos);
  EXPECT_NE(delete_history_sql("Meta").find("DELETE FROM \"Meta\""), std::string::npos);
  EXPECT_NE(select_history_sql("Meta", {}).find("FROM \"Meta\""), std::string::npos);
}

}  // namespace
}  // namespace forge::dialect::sqlite
