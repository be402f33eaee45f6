// Which questions choosing the history table and reading it ask: both candidate tables in one
// where the dialect can describe them at once, and the chosen table's columns not asked again by
// the reads made right after (a status); asked again once forgotten, and after ensure().
#include "core/history_choice.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/history_columns.hpp"
#include "core/history_store.hpp"

namespace forge::core {
namespace {

using ::testing::ElementsAre;

const std::vector<std::string> k_forge_columns = {
    "name",  "checksum",        "applied_at",       "execution_ms",
    "state", "statements_done", "statement_hashes", "progress"};

// Each statement is a short tag the fake connection answers by.
class TaggedHistorySql : public HistorySql {
 public:
  explicit TaggedHistorySql(bool describes) : m_describes(describes) {}
  std::string create(const std::string& table) const override { return "create " + table; }
  std::string columns(const std::string& table) const override { return "columns " + table; }
  std::string add_column(const std::string& table, const std::string& column) const override {
    return "add " + table + " " + column;
  }
  std::string select(const std::string& table, const std::vector<std::string>&) const override {
    return "select " + table;
  }
  std::string upsert(const std::string& table) const override { return "upsert " + table; }
  std::string erase(const std::string& table) const override { return "erase " + table; }
  std::string describe(const std::vector<std::string>& tables) const override {
    if (!m_describes) return "";
    std::string sql = "describe";
    for (const auto& table : tables) sql += " " + table;
    return sql;
  }

 private:
  bool m_describes;
};

struct NoTransaction : Transaction {
  void commit() override {}
};

// A database holding ForgeMeta (and no SequelizeMeta) in schema public that logs every question;
// a description pins the tables there, as PostgreSQL's does.
class HistoryQuestions : public Connection {
 public:
  explicit HistoryQuestions(bool describes) : m_sql(describes) {}
  std::vector<std::string> asked;

  Dialect dialect() const noexcept override { return Dialect::postgres; }
  Capabilities capabilities() const noexcept override { return {true}; }
  void execute(const Statement&) override {}
  std::unique_ptr<Transaction> begin() override { return std::make_unique<NoTransaction>(); }
  std::unique_ptr<MigrationLock> lock(std::chrono::milliseconds) override {
    return std::make_unique<MigrationLock>();
  }
  const HistorySql& history_sql() const override { return m_sql; }
  std::vector<std::vector<std::string>> query(const std::string& sql,
                                              const std::vector<std::string>&,
                                              const std::string&) override {
    asked.push_back(sql);
    std::vector<std::vector<std::string>> rows;
    if (sql == "columns public.ForgeMeta" || sql == "columns ForgeMeta") {
      for (const auto& column : k_forge_columns) rows.push_back({column});
    } else if (sql == "describe ForgeMeta SequelizeMeta") {
      for (const auto& column : k_forge_columns) rows.push_back({"ForgeMeta", "public", column});
      rows.push_back({"SequelizeMeta", "public", ""});
    } else if (sql == "select public.ForgeMeta" || sql == "select ForgeMeta") {
      rows.push_back({"20240101000001-a", "", "", "0", "applied", "0", "", ""});
    }
    return rows;
  }

 private:
  TaggedHistorySql m_sql;
};

TEST(HistoryChoice, BothTablesAreDescribedAtOnceAndTheFirstReadAsksNothingMore) {
  HistoryQuestions database(true);
  const std::string table = choose_history_table(database, Settings{});
  const auto rows = database.read_history(table);

  EXPECT_EQ(table, "ForgeMeta");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows.front().name, "20240101000001-a");
  EXPECT_THAT(database.asked,
              ElementsAre("describe ForgeMeta SequelizeMeta", "select public.ForgeMeta"));
}

TEST(HistoryChoice, ForgottenColumnsAreAskedAgain) {
  HistoryQuestions database(true);
  const std::string table = choose_history_table(database, Settings{});
  database.forget_history_columns();
  database.read_history(table);

  EXPECT_THAT(database.asked, ElementsAre("describe ForgeMeta SequelizeMeta",
                                          "columns public.ForgeMeta", "select public.ForgeMeta"));
}

TEST(HistoryChoice, EnsuringTheTableForgetsThemFirst) {
  HistoryQuestions database(true);
  const std::string table = choose_history_table(database, Settings{});
  database.ensure_history(table);
  database.read_history(table);

  EXPECT_THAT(database.asked,
              ElementsAre("describe ForgeMeta SequelizeMeta", "columns public.ForgeMeta",
                          "columns public.ForgeMeta", "select public.ForgeMeta"));
}

TEST(HistoryChoice, ADialectThatCannotDescribeAsksAboutEachTable) {
  HistoryQuestions database(false);
  const std::string table = choose_history_table(database, Settings{});
  database.read_history(table);

  EXPECT_EQ(table, "ForgeMeta");
  EXPECT_THAT(database.asked, ElementsAre("columns ForgeMeta", "columns SequelizeMeta",
                                          "columns ForgeMeta", "select ForgeMeta"));
}

}  // namespace
}  // namespace forge::core
