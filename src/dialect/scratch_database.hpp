#pragma once
#include <memory>

#include "core/adapter.hpp"
#include "core/url.hpp"

namespace forge::dialect {

/// A throwaway empty database of `server`'s dialect for replaying units or loading a dump: on
/// PostgreSQL and MySQL a new database `forge_scratch_<pid>_<n>` on the server `server` names
/// (the same user must be allowed to create databases), for SQLite a temporary file. Dropped
/// when it goes out of scope; the destructor never throws.
class ScratchDatabase {
 public:
  /// Creates it; throws ConnectionError / DatabaseCommandError as create_database does. With
  /// `like`, it takes that database's defaults that tables inherit (MySQL: character set and
  /// collation), so that tables built the same way in both compare equal.
  explicit ScratchDatabase(const core::DatabaseUrl& server, core::Connection* like = nullptr);
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  const core::DatabaseUrl& url() const { return m_url; }
  /// A new session with it.
  std::unique_ptr<core::Connection> connect() const;

 private:
  core::DatabaseUrl m_url;
};

}  // namespace forge::dialect
