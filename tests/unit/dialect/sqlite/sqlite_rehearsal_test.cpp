// SqliteConnection::rehearsal_copy: the in-memory copy a dry run works on, against real files.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "core/errors.hpp"
#include "dialect/registry.hpp"
#include "dialect/sqlite/sqlite_connection.hpp"
#include "support/sqlite_url.hpp"
#include "support/temp_folder.hpp"

namespace forge::dialect::sqlite {
namespace {

using core::Statement;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace std::chrono_literals;

using forge::testing::sqlite_url;

Statement sql(const std::string& text) { return Statement{text, "db/1_unit.sql", 1}; }

std::string bytes_of(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

core::HistoryRow row(const std::string& name) {
  core::HistoryRow r;
  r.name = name;
  r.checksum = "sum";
  r.applied_at = "2024-03-15T10:23:44.012Z";
  r.execution_ms = 1;
  return r;
}

class RehearsalCopy : public ::testing::Test {
 protected:
  // A database file with table t (two rows) and one applied unit.
  void make_database() {
    SqliteConnection real(sqlite_url(m_file));
    real.execute(sql("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)"));
    real.execute(sql("INSERT INTO t VALUES (1, 'one'), (2, 'two')"));
    real.ensure_history("ForgeMeta");
    real.record("ForgeMeta", row("1_a"));
  }

  forge::testing::TempFolder m_folder;
  std::filesystem::path m_file = m_folder.path() / "db" / "app.sqlite3";
};

TEST_F(RehearsalCopy, HoldsTheFilesTablesRowsAndHistory) {
  make_database();

  auto copy = SqliteConnection::rehearsal_copy(sqlite_url(m_file));

  EXPECT_EQ(copy->database().execAndGet("SELECT group_concat(name, ',') FROM t").getString(),
            "one,two");
  const auto history = copy->read_history("ForgeMeta");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].name, "1_a");
  EXPECT_EQ(copy->dialect(), core::Dialect::sqlite);
}

TEST_F(RehearsalCopy, KeepsEveryWriteAwayFromTheFile) {
  make_database();
  const std::string before = bytes_of(m_file);

  {
    auto copy = SqliteConnection::rehearsal_copy(sqlite_url(m_file));
    auto transaction = copy->begin();
    copy->execute(sql("DROP TABLE t"));
    copy->execute(sql("CREATE TABLE added (x)"));
    copy->record("ForgeMeta", row("2_b"));
    transaction->commit();
    copy->ensure_history("OtherMeta");
    EXPECT_THROW(copy->execute(sql("SELECT * FROM t")), StatementError) << "the copy changed";
  }

  EXPECT_EQ(bytes_of(m_file), before);
  SqliteConnection real(sqlite_url(m_file));
  EXPECT_EQ(real.database().execAndGet("SELECT count(*) FROM t").getInt(), 2);
  EXPECT_EQ(real.database().tableExists("added"), false);
  EXPECT_EQ(real.read_history("ForgeMeta").size(), 1u);
}

TEST_F(RehearsalCopy, OfAMissingFileIsEmptyAndCreatesNeitherTheFileNorItsFolder) {
  {
    auto copy = SqliteConnection::rehearsal_copy(sqlite_url(m_file));
    EXPECT_THAT(copy->read_history("ForgeMeta"), IsEmpty());
    copy->ensure_history("ForgeMeta");
    copy->execute(sql("CREATE TABLE t (x)"));
    auto lock = copy->lock(0ms);
  }

  EXPECT_FALSE(std::filesystem::exists(m_file));
  EXPECT_FALSE(std::filesystem::exists(m_file.parent_path()));
}

TEST_F(RehearsalCopy, TakesNoLockOnTheFileSoItNeverWaitsForAnotherForge) {
  make_database();
  SqliteConnection holder(sqlite_url(m_file));
  auto held = holder.lock(0ms);

  auto copy = SqliteConnection::rehearsal_copy(sqlite_url(m_file));
  const auto started = std::chrono::steady_clock::now();
  EXPECT_NO_THROW(copy->lock(2000ms));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1000ms);
}

TEST_F(RehearsalCopy, RefusesAFileThatIsNotADatabase) {
  std::filesystem::create_directories(m_file.parent_path());
  std::ofstream(m_file) << "this is not a SQLite database, just some text that is long enough "
                           "to fill a header page and then some more text to be sure.\n";
  EXPECT_THROW(SqliteConnection::rehearsal_copy(sqlite_url(m_file)), ConnectionError);
}

TEST(ConnectRehearsal, GivesACopyForSqliteAndNothingForServers) {
  forge::testing::TempFolder folder;
  const auto file = folder.path() / "app.db";
  EXPECT_NE(connect_rehearsal(sqlite_url(file)), nullptr);
  EXPECT_FALSE(std::filesystem::exists(file));
  // Port 1 refuses at once: nullptr here means no connection was even tried.
  for (const char* text : {"postgres://u:p@127.0.0.1:1/x", "mysql://u:p@127.0.0.1:1/x"}) {
    EXPECT_EQ(connect_rehearsal(core::parse_database_url(text)), nullptr) << text;
  }
}

TEST(RendererFor, GivesEachDialectsOwnRenderer) {
  for (const auto dialect :
       {core::Dialect::sqlite, core::Dialect::postgres, core::Dialect::mysql}) {
    const auto renderer = renderer_for(dialect);
    ASSERT_NE(renderer, nullptr);
    EXPECT_EQ(renderer->dialect(), dialect);
  }
}

// SqliteConnection::read_only: what status reads through.
using ReadOnly = RehearsalCopy;

TEST_F(ReadOnly, AMissingFileIsReadAsEmptyAndNotCreated) {
  const auto reader = SqliteConnection::read_only(sqlite_url(m_file));
  EXPECT_THAT(reader->read_history("ForgeMeta"), IsEmpty());
  EXPECT_FALSE(std::filesystem::exists(m_file));
  EXPECT_FALSE(std::filesystem::exists(m_file.parent_path()));
}

TEST_F(ReadOnly, AnExistingFileIsReadButCannotBeWritten) {
  make_database();
  const std::string before = bytes_of(m_file);
  const auto reader = SqliteConnection::read_only(sqlite_url(m_file));

  const auto history = reader->read_history("ForgeMeta");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].name, "1_a");
  EXPECT_THROW(reader->execute(sql("DELETE FROM t")), NotWritableError);
  EXPECT_EQ(bytes_of(m_file), before);
}

}  // namespace
}  // namespace forge::dialect::sqlite
