#pragma once
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "process.hpp"
#include "project.hpp"
#include "sqlite_probe.hpp"

namespace forge::e2e {

/// The database file most tests use, and the URL that names it.
inline const std::string k_db = "db/dev.sqlite3";
inline const std::string k_url = "sqlite:" + k_db;

/// A single-file unit with forge's markers.
std::string unit_sql(std::string_view up, std::string_view down);
/// A single-file unit with an up section and no down section.
std::string up_only_sql(std::string_view up);
/// The SQL that creates table `table` with one row-id column.
std::string create_table(const std::string& table);

/// A unit's name from its path: the file name without `.sql`.
std::string stem_of(const std::string& path);
/// The lines of `text`, without their newlines.
std::vector<std::string> lines_of(std::string_view text);
/// How many times `needle` occurs in `text`.
std::size_t occurrences(std::string_view text, std::string_view needle);
/// Where `needle` first occurs in `text`; npos when absent.
std::size_t position(std::string_view text, std::string_view needle);

/// Base fixture: a fresh project folder per test, and helpers for the common steps.
class ForgeTest : public ::testing::Test {
 protected:
  /// Writes `migrations/<version>-<name>.sql` (forge markers) whose up creates table `table`
  /// and whose down drops it; returns the unit's name (the stem).
  std::string add_table_unit(const std::string& version, const std::string& name,
                             const std::string& table);
  /// Runs forge with `args` followed by `--url sqlite:db/dev.sqlite3`.
  ProcessResult forge_db(std::vector<std::string> args, const EnvChanges& env = {}) const;
  /// Opens db/dev.sqlite3 read-only.
  SqliteProbe db() const { return SqliteProbe(project.path(k_db)); }

  Project project;
};

}  // namespace forge::e2e
