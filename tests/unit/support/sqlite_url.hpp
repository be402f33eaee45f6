#pragma once
#include <filesystem>

#include "core/url.hpp"

namespace forge::testing {

/// The URL of the SQLite file `file`, as parse_database_url would give it.
inline core::DatabaseUrl sqlite_url(const std::filesystem::path& file) {
  core::DatabaseUrl url;
  url.dialect = core::Dialect::sqlite;
  url.scheme = "sqlite";
  url.database = file.string();
  return url;
}

}  // namespace forge::testing
