#pragma once
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "catalog_probe.hpp"
#include "process.hpp"
#include "project.hpp"
#include "test_database.hpp"

namespace forge::e2e {

/// The dialects every behaviour runs on, for INSTANTIATE_TEST_SUITE_P.
inline const auto k_all_dialects = ::testing::Values("sqlite", "postgres", "mysql");
/// The server dialects.
inline const auto k_server_dialects = ::testing::Values("postgres", "mysql");
/// Names each instantiated test after its dialect: `.../postgres`.
std::string dialect_name(const ::testing::TestParamInfo<std::string>& info);

/// A single-file unit with forge's markers; `up_marker` may carry options.
std::string unit_sql(std::string_view up, std::string_view down,
                     std::string_view up_marker = "-- forge:up");
/// The SQL that creates table `table` with one integer key column; valid on every dialect.
std::string create_table(const std::string& table);
/// One SELECT that takes about `seconds` (SQLite has no sleep function: it counts instead,
/// some four million a second here).
std::string slow_sql(const std::string& dialect, int seconds);
/// The lines of `text`, without their newlines.
std::vector<std::string> lines_of(std::string_view text);
/// How many times `needle` occurs in `text`.
std::size_t occurrences(std::string_view text, std::string_view needle);
/// `url` (a server URL) with its port replaced by `port`.
std::string with_port(const std::string& url, int port);
/// The database's own message for a statement on the missing table `no_such_table`.
std::string missing_table_message(const std::string& dialect);

/// Polls `condition` every 50 ms until it holds or `limit` has passed; true when it held.
template <typename Condition>
bool eventually(Condition condition, std::chrono::steady_clock::duration limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

/// Fixture: a fresh database of the parameter's dialect and a fresh project folder per test.
class DialectTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;

  const std::string& dialect() const { return GetParam(); }
  const std::string& url() const { return m_database->url(); }
  /// The probe for this test's database.
  CatalogProbe db() const { return CatalogProbe(url()); }

  /// Writes `migrations/<version>-<name>.sql` whose up creates `table` and whose down drops it;
  /// returns the unit's name.
  std::string add_table_unit(const std::string& version, const std::string& name,
                             const std::string& table);
  /// Writes `migrations/<name>.sql`; returns `name`.
  std::string add_unit(const std::string& name, std::string_view text);
  /// Runs forge with `args` followed by `--url <this test's database>`.
  ProcessResult forge_db(std::vector<std::string> args, const EnvChanges& env = {}) const;
  /// A session of this test's own with the database, through forge's adapter.
  std::unique_ptr<core::Connection> connect() const { return m_database->connect(); }

  Project project;

 private:
  std::unique_ptr<forge::testing::TestDatabase> m_database;
};

}  // namespace forge::e2e
