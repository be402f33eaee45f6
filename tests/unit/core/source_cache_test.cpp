// The unit cache (issue 16: status over 10,000 units without reading them) must never change
// what runs: a unit loaded through it has the checksum, sections and statements of a unit read
// from its file, an edited file is read again, and a cache that lies is caught before anything
// runs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "core/errors.hpp"
#include "core/source.hpp"
#include "core/unit_cache.hpp"
#include "support/temp_folder.hpp"
#include "util/file_stamp.hpp"
#include "util/files.hpp"
#include "util/sha256.hpp"

namespace forge::core {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::int64_t k_second_ns = 1'000'000'000;

// Files just written are "racy" (changed within the clock tick the cache could not tell apart):
// the tests look at them as if a minute had passed.
std::int64_t a_minute_later() { return util::wall_clock_ns() + 60 * k_second_ns; }

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// A declarative reader: the file's text is one up statement; "irreversible" in it means no down,
// for a reason that holds a tab, a newline and a backslash (the cache keeps it on one line).
class TextReader : public DeclarativeReader {
 public:
  mutable int reads = 0;
  DeclarativeSections read(const std::string& text, const std::string& file) const override {
    ++reads;
    DeclarativeSections sections;
    sections.up = Section{file, 2, text, true, {Statement{text, file, 2, nullptr}}};
    sections.checksum_text = "canonical:" + text;
    if (text.find("irreversible") != std::string::npos) {
      sections.irreversible = file + ":2:5:\tdropTable\ncannot be undone \\ automatically";
    } else {
      sections.down = Section{file, 9, "", false, {Statement{"DOWN " + text, file, 9, nullptr}}};
    }
    return sections;
  }
  // A file saying "worked out later" gives a checksum worked out only when asked, as a large
  // unit whose rows stream does; any other is read whole.
  mutable std::atomic<int> worked_out{0};
  std::optional<DeclarativeSections> read_large(const std::string& file) const override {
    const std::string text = util::read_file(file, std::size_t(1) << 20);
    if (text.find("worked out later") == std::string::npos) return std::nullopt;
    DeclarativeSections sections = read(text, file);
    sections.checksum = UnitChecksum::when_asked([this, text] {
      ++worked_out;
      return util::sha256_hex("canonical:" + text);
    });
    return sections;
  }
};

class SourceCacheTest : public ::testing::Test {
 protected:
  fs::path cache_file() const { return m_cache.path() / "units"; }

  std::vector<Unit> load(std::int64_t now_ns = a_minute_later(), std::string key = "k") {
    const auto cache = std::make_shared<UnitCache>(cache_file(), std::move(key), now_ns);
    auto units = load_units(m_units.path(), Dialect::sqlite, m_reader, nullptr, cache);
    cache->save();
    return units;
  }
  std::vector<Unit> load_uncached() const {
    return load_units(m_units.path(), Dialect::sqlite, m_reader);
  }

  std::string cache_text() const {
    return fs::exists(cache_file()) ? util::read_file(cache_file()) : "";
  }

  testing::TempFolder m_units;
  testing::TempFolder m_cache;
  std::shared_ptr<TextReader> m_reader = std::make_shared<TextReader>();
};

void expect_same_section(const Section& cached, const Section& read) {
  EXPECT_EQ(cached.file, read.file);
  EXPECT_EQ(cached.first_line, read.first_line);
  EXPECT_EQ(cached.in_transaction, read.in_transaction);
  ASSERT_EQ(cached.statements.size(), read.statements.size());
  for (std::size_t i = 0; i < read.statements.size(); ++i) {
    EXPECT_EQ(cached.statements[i].text, read.statements[i].text);
    EXPECT_EQ(cached.statements[i].line, read.statements[i].line);
  }
}

TEST_F(SourceCacheTest, AUnitLoadedThroughTheCacheIsTheUnitReadFromItsFile) {
  m_units.write("20240101000001_dbmate.sql",
                "-- migrate:up\nCREATE TABLE a (id INTEGER);\nINSERT INTO a VALUES (1);\n"
                "-- migrate:down\nDROP TABLE a;\n");
  m_units.write(
      "20240101000002_goose.sql",
      "-- +goose Up\n-- +goose StatementBegin\nCREATE TRIGGER t AFTER INSERT ON a "
      "BEGIN\n  SELECT 1;\nEND;\n-- +goose StatementEnd\n-- +goose Down\nDROP TRIGGER t;\n");
  m_units.write("20240101000003_split.up.sql", "CREATE TABLE b (id INTEGER);\n");
  m_units.write("20240101000003_split.down.sql", "DROP TABLE b;\n");
  m_units.write("20240101000005_no_tx.sql",
                "-- forge:up transaction:false\nCREATE TABLE c (id INTEGER);\n");
  const auto read = load_uncached();
  load();  // fills the cache
  ASSERT_THAT(cache_text(), HasSubstr("20240101000001_dbmate.sql\t"));
  const auto cached = load();
  ASSERT_EQ(cached.size(), read.size());
  for (std::size_t i = 0; i < read.size(); ++i) {
    SCOPED_TRACE(read[i].name);
    EXPECT_EQ(cached[i].name, read[i].name);
    EXPECT_EQ(cached[i].checksum.value(), read[i].checksum.value());
    EXPECT_FALSE(cached[i].up.statements.is_split());  // not read yet
    expect_same_section(cached[i].up, read[i].up);
    ASSERT_EQ(cached[i].down.has_value(), read[i].down.has_value());
    if (read[i].down) expect_same_section(*cached[i].down, *read[i].down);
  }
}

TEST_F(SourceCacheTest, ADeclarativeUnitLoadedThroughTheCacheIsTheUnitReadFromItsFile) {
  m_units.write("20240101000001_a.yaml", "create a");
  m_units.write("20240101000002_b.yaml", "irreversible b");
  const auto read = load_uncached();
  load();
  const int reads_before = m_reader->reads;
  const auto cached = load();
  EXPECT_EQ(m_reader->reads, reads_before) << "a cached file was read for its checksum";
  ASSERT_EQ(cached.size(), 2U);
  for (std::size_t i = 0; i < read.size(); ++i) {
    SCOPED_TRACE(read[i].name);
    EXPECT_EQ(cached[i].checksum.value(), read[i].checksum.value());
    EXPECT_EQ(cached[i].irreversible, read[i].irreversible);
    expect_same_section(cached[i].up, read[i].up);
    ASSERT_EQ(cached[i].down.has_value(), read[i].down.has_value());
    if (read[i].down) expect_same_section(*cached[i].down, *read[i].down);
  }
  EXPECT_GT(m_reader->reads, reads_before);  // the statements were read when asked for
}

// A large unit (streamed: FORGE_STREAM_MIN_BYTES lowered for the test) is not read for a status
// either; when it runs it is mapped and checked again and streamed, never held.
TEST_F(SourceCacheTest, ALargeUnitLoadedThroughTheCacheStreamsWhenItRuns) {
  std::string up = "-- migrate:up\n";
  for (int i = 0; i < 50; ++i) up += "INSERT INTO a VALUES (" + std::to_string(i) + ");\n";
  m_units.write("20240101000001_a.sql", up + "-- migrate:down\nDELETE FROM a;\n");
  ::setenv("FORGE_STREAM_MIN_BYTES", "256", 1);
  const auto read = load_uncached();
  load();
  auto cached = load();
  const std::string real = cached.front().checksum.value();
  EXPECT_EQ(real, read.front().checksum.value());
  EXPECT_TRUE(cached.front().up.statements.is_streamed());
  std::vector<std::string> texts;
  cached.front().up.statements.visit([&](const Statement& statement) {
    texts.push_back(statement.text);
    return true;
  });
  ASSERT_EQ(texts.size(), 50U);
  EXPECT_EQ(texts.back(), read.front().up.statements.all().back().text);
  // A cache that no longer matches the file stops the first visit.
  util::replace_file(cache_file(), replaced(cache_text(), real, std::string(64, 'a')));
  cached = load();
  EXPECT_THROW(cached.front().up.statements.visit([](const Statement&) { return true; }),
               MigrationFileError);
  ::unsetenv("FORGE_STREAM_MIN_BYTES");
}

// A checksum worked out only when asked (a large unit whose rows stream: by the run that sends
// them, or a status) is remembered in the cache then, not left for every later command to read.
TEST_F(SourceCacheTest, ALargeUnitsChecksumWorkedOutLaterIsRememberedThen) {
  m_units.write("20240101000001_a.yaml", "worked out later " + std::string(300, 'x'));
  ::setenv("FORGE_STREAM_MIN_BYTES", "256", 1);
  const auto first = load();
  EXPECT_THAT(cache_text(), Not(HasSubstr("_a.yaml")));  // nothing to remember yet
  const std::string checksum = first.front().checksum.value();
  EXPECT_EQ(checksum, load_uncached().front().checksum.value());
  EXPECT_EQ(m_reader->worked_out, 2);
  EXPECT_THAT(cache_text(), HasSubstr(checksum));
  const auto again = load();
  ::unsetenv("FORGE_STREAM_MIN_BYTES");
  EXPECT_EQ(again.front().checksum.value(), checksum);
  EXPECT_EQ(m_reader->worked_out, 2) << "worked out again although the cache knew it";
}

// A fleet's workers share the units: a cached file is read again, and a large one checked and
// streamed, from whichever thread comes first, while the others read too.
TEST_F(SourceCacheTest, UnitsLoadedThroughTheCacheAreReadFromManyThreadsAtOnce) {
  std::string large = "-- migrate:up\n";
  for (int i = 0; i < 50; ++i) large += "INSERT INTO a VALUES (" + std::to_string(i) + ");\n";
  m_units.write("20240101000001_large.sql", large + "-- migrate:down\nDELETE FROM a;\n");
  m_units.write("20240101000002_small.sql",
                "-- migrate:up\nCREATE TABLE b (id INTEGER);\n-- migrate:down\nDROP TABLE b;\n");
  ::setenv("FORGE_STREAM_MIN_BYTES", "256", 1);
  const std::string drop = load_uncached()[1].down->statements.front().text;
  load();
  const auto cached = load();
  ::unsetenv("FORGE_STREAM_MIN_BYTES");
  ASSERT_EQ(cached.size(), 2U);
  ASSERT_TRUE(cached[0].up.statements.is_streamed());
  ASSERT_FALSE(cached[1].up.statements.is_split());
  std::atomic<int> right{0};
  std::vector<std::thread> workers;
  for (int i = 0; i < 6; ++i) {
    workers.emplace_back([&] {
      std::size_t streamed = 0;
      cached[0].up.statements.visit([&](const Statement&) {
        ++streamed;
        return true;
      });
      if (streamed == 50 && cached[1].up.statements.size() == 1 &&
          cached[1].down->statements.front().text == drop) {
        ++right;
      }
    });
  }
  for (auto& worker : workers) worker.join();
  EXPECT_EQ(right, 6);
}

// The checksum comes from the cache, not the file, while the file's stamp is the one cached;
// the statements are read from the file, which must then give the cached checksum.
TEST_F(SourceCacheTest, ACacheThatNoLongerMatchesTheTextStopsBeforeAnyStatement) {
  m_units.write("20240101000001_a.sql", "-- migrate:up\nCREATE TABLE a (id INTEGER);\n");
  const std::string real = load().front().checksum.value();
  const std::string forged(64, 'a');
  util::replace_file(cache_file(), replaced(cache_text(), real, forged));
  const auto units = load();
  EXPECT_EQ(units.front().checksum.value(), forged);
  try {
    (void)units.front().up.statements.size();
    FAIL() << "the statements of a file that does not give the cached checksum were read";
  } catch (const MigrationFileError& e) {
    EXPECT_THAT(e.what(), HasSubstr("20240101000001_a.sql"));
    EXPECT_THAT(e.what(), HasSubstr("changed while forge was running"));
  }
}

TEST_F(SourceCacheTest, AnEditThatKeepsTheSizeIsReadAgain) {
  const auto path =
      m_units.write("20240101000001_a.sql", "-- migrate:up\nCREATE TABLE a (id INTEGER);\n");
  const std::string before = load().front().checksum.value();
  const auto cached = util::stamp_of(path.string());
  const auto written = fs::last_write_time(path);
  // An editor that keeps the modification time: only the change time moves, once the file
  // system's clock has ticked (a change within the same tick is what the racy rule is for).
  do {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    m_units.write("20240101000001_a.sql", "-- migrate:up\nCREATE TABLE b (id INTEGER);\n");
    fs::last_write_time(path, written);
  } while (util::stamp_of(path.string()) == cached);
  const auto units = load();
  EXPECT_NE(units.front().checksum.value(), before);
  EXPECT_EQ(units.front().checksum.value(), load_uncached().front().checksum.value());
}

TEST_F(SourceCacheTest, AFileChangedWithinTheLastSecondsIsNotKept) {
  m_units.write("20240101000001_a.sql", "-- migrate:up\nCREATE TABLE a (id INTEGER);\n");
  load(util::wall_clock_ns());
  EXPECT_THAT(cache_text(), ::testing::Not(HasSubstr("20240101000001_a.sql")));
}

TEST_F(SourceCacheTest, EntriesOfFilesGoneFromTheFolderAreDropped) {
  m_units.write("20240101000001_a.sql", "-- migrate:up\nCREATE TABLE a (id INTEGER);\n");
  const auto gone =
      m_units.write("20240101000002_b.sql", "-- migrate:up\nCREATE TABLE b (id INTEGER);\n");
  load();
  ASSERT_THAT(cache_text(), HasSubstr("20240101000002_b.sql"));
  fs::remove(gone);
  EXPECT_EQ(load().size(), 1U);
  EXPECT_THAT(cache_text(), ::testing::Not(HasSubstr("20240101000002_b.sql")));
  EXPECT_THAT(cache_text(), HasSubstr("20240101000001_a.sql"));
}

TEST_F(SourceCacheTest, AMalformedOrForeignCacheIsAnEmptyOne) {
  m_units.write("20240101000001_a.sql", "-- migrate:up\nCREATE TABLE a (id INTEGER);\n");
  const std::string checksum = load_uncached().front().checksum.value();
  for (const std::string& text :
       {std::string("not a cache\n"),
        std::string("forge-unit-cache 1\nk\n20240101000001_a.sql\t1\n"),
        std::string("forge-unit-cache 1\nk\n20240101000001_a.sql\t-1\t2\t3\t4\t5\t\t1:t\t-\n"),
        std::string("\0\xff\n", 3)}) {
    util::replace_file(cache_file(), text);
    EXPECT_EQ(load().front().checksum.value(), checksum);
  }
}

TEST_F(SourceCacheTest, ACacheWrittenUnderAnotherKeyIsNotUsed) {
  m_units.write("20240101000001_a.sql", "-- migrate:up\nCREATE TABLE a (id INTEGER);\n");
  const std::string real = load(a_minute_later(), "forge 1 sqlite").front().checksum.value();
  util::replace_file(cache_file(), replaced(cache_text(), real, std::string(64, 'a')));
  EXPECT_EQ(load(a_minute_later(), "forge 2 sqlite").front().checksum.value(), real);
}

TEST_F(SourceCacheTest, AnUnwritableCacheFolderIsNoError) {
  m_units.write("20240101000001_a.sql", "-- migrate:up\nCREATE TABLE a (id INTEGER);\n");
  m_cache.write("blocked", "a file where the cache's folder would be");
  const auto cache =
      std::make_shared<UnitCache>(m_cache.path() / "blocked" / "units", "k", a_minute_later());
  const auto units = load_units(m_units.path(), Dialect::sqlite, nullptr, nullptr, cache);
  EXPECT_FALSE(cache->save());
  EXPECT_EQ(units.front().checksum.value(), load_uncached().front().checksum.value());
}

}  // namespace
}  // namespace forge::core
