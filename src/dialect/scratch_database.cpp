#include "dialect/scratch_database.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "dialect/registry.hpp"

namespace forge::dialect {

namespace {

constexpr std::chrono::milliseconds k_patience{10000};

std::string scratch_name() {
  static std::atomic<int> counter{0};
  return "forge_scratch_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

}  // namespace

ScratchDatabase::ScratchDatabase(const core::DatabaseUrl& server) : m_url(server) {
  const std::string name = scratch_name();
  m_url.database = m_url.dialect == core::Dialect::sqlite
                       ? (std::filesystem::temp_directory_path() / (name + ".db")).string()
                       : name;
  create_database(m_url, k_patience);
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
