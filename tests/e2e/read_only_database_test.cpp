// A SQLite database that cannot take writes (an immutable file, an immutable folder where the
// journal would go): forge exits 3 saying so and naming the statement, not 1 with "Fix the
// statement", and the history stays as it was. The tests run as root, whom file modes do not
// stop, so they make the file immutable (chattr +i) instead.
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Sets the immutable attribute of a file or folder for the object's lifetime (chattr +i).
class Immutable {
 public:
  explicit Immutable(const std::filesystem::path& path)
      : m_fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    m_set = m_fd >= 0 && change(FS_IMMUTABLE_FL, 0);
  }
  ~Immutable() {
    if (m_set) change(0, FS_IMMUTABLE_FL);
    if (m_fd >= 0) ::close(m_fd);
  }
  Immutable(const Immutable&) = delete;
  Immutable& operator=(const Immutable&) = delete;
  bool set() const { return m_set; }

 private:
  bool change(int add, int remove) const {
    int flags = 0;
    if (::ioctl(m_fd, FS_IOC_GETFLAGS, &flags) != 0) return false;
    flags = (flags | add) & ~remove;
    return ::ioctl(m_fd, FS_IOC_SETFLAGS, &flags) == 0;
  }

  int m_fd;
  bool m_set = false;
};

class ReadOnlyDatabase : public ForgeTest {
 protected:
  // One unit applied; a second one pending, whose CREATE TABLE is on line 2 of its file.
  void SetUp() override {
    add_table_unit("20240101000000", "create-first", "first");
    ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
    add_table_unit("20240101000001", "create-second", "second");
    m_before = db().schema_and_history();
  }

  // db:migrate exits 3 saying why the database cannot take writes and where, and changes
  // nothing.
  void expect_refused_writes(const std::string& reason) const {
    const auto result = forge_db({"db:migrate"});

    EXPECT_EQ(result.exit_code, 3) << result;
    EXPECT_THAT(result.err, HasSubstr("the database cannot take writes (" + reason)) << result;
    EXPECT_THAT(result.err, HasSubstr("migrations/20240101000001-create-second.sql:2")) << result;
    EXPECT_THAT(result.err, Not(HasSubstr("Fix the statement"))) << result;
    EXPECT_EQ(db().schema_and_history(), m_before);
  }

  std::string m_before;
};

TEST_F(ReadOnlyDatabase, AnImmutableDatabaseFileExitsThreeSayingItIsReadOnly) {
  const Immutable file(project.path(k_db));
  if (!file.set()) GTEST_SKIP() << "this user or filesystem cannot make a file immutable";

  expect_refused_writes("read-only file");
}

TEST_F(ReadOnlyDatabase, AFolderWhereNoJournalCanBeWrittenExitsThree) {
  const Immutable folder(project.path("db"));
  if (!folder.set()) GTEST_SKIP() << "this user or filesystem cannot make a folder immutable";

  expect_refused_writes("cannot open or create a file it needs");
}

}  // namespace
}  // namespace forge::e2e
