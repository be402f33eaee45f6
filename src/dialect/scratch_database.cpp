#include "dialect/scratch_database.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>

#include "dialect/registry.hpp"

namespace forge::dialect {

namespace {

constexpr std::chrono::milliseconds k_patience{10000};

std::string scratch_name() {
  static std::atomic<int> counter{0};
  return "forge_scratch_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

bool is_name(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

// A MySQL table's options name its character set and collation, which a new table takes from
// its database.
void take_defaults(core::Connection& like, core::Connection& scratch) {
  if (like.dialect() != core::Dialect::mysql) return;
  const auto rows = like.query(
      "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA "
      "WHERE SCHEMA_NAME = DATABASE()",
      {}, "the database's character set");
  if (rows.empty() || !is_name(rows[0][0]) || !is_name(rows[0][1])) return;
  scratch.execute(
      core::Statement{"ALTER DATABASE CHARACTER SET " + rows[0][0] + " COLLATE " + rows[0][1],
                      "<scratch>", 1, nullptr});
}

}  // namespace

ScratchDatabase::ScratchDatabase(const core::DatabaseUrl& server, core::Connection* like)
    : m_url(server) {
  const std::string name = scratch_name();
  m_url.database = m_url.dialect == core::Dialect::sqlite
                       ? (std::filesystem::temp_directory_path() / (name + ".db")).string()
                       : name;
  create_database(m_url, k_patience);
  if (like == nullptr) return;
  try {
    take_defaults(*like, *connect());
  } catch (...) {
    drop_database(m_url, k_patience);  // the destructor will not run for a throwing constructor
    throw;
  }
}

ScratchDatabase::~ScratchDatabase() {
  try {
    drop_database(m_url, k_patience);
  } catch (...) {
    // A scratch database left behind is named forge_scratch_*: harmless, and said nowhere
    // better than here, where nothing may throw.
  }
}

std::unique_ptr<core::Connection> ScratchDatabase::connect() const {
  return dialect::connect(m_url);
}

}  // namespace forge::dialect
