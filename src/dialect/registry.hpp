#pragma once
#include <chrono>
#include <memory>
#include <vector>

#include "core/adapter.hpp"
#include "core/url.hpp"
#include "declarative/renderer.hpp"
#include "dialect/session_options.hpp"

namespace forge::dialect {

/// Opens a session with the adapter for `url`'s dialect, set up as `options` say. Throws
/// ConnectionError when the database cannot be reached or opened, ConfigError when this build
/// has no such adapter.
std::unique_ptr<core::Connection> connect(const core::DatabaseUrl& url,
                                          const SessionOptions& options = {});

/// A throwaway copy of the database where --dry-run can run units for real (SQLite: in
/// memory); nullptr when the dialect has none, and a dry run only lists the statements.
std::unique_ptr<core::Connection> connect_rehearsal(const core::DatabaseUrl& url,
                                                    const SessionOptions& options = {});

/// A read-only session for commands that only read, where the dialect has one (SQLite: a
/// missing file is read as empty, never created); nullptr otherwise.
std::unique_ptr<core::Connection> connect_reader(const core::DatabaseUrl& url);

/// Loads the driver of `dialect` and readies it for sessions opened from several threads at once
/// (MySQL's client library must be initialized once first). Call on one thread, for each
/// dialect the threads will open, before starting them.
void prepare_for_threads(core::Dialect dialect);

/// When the driver of `dialect` is loaded already (never loads it), readies what a session being
/// opened on another thread will need next (PostgreSQL: OpenSSL, for libpq's SCRAM). For a
/// thread that would otherwise wait for that session.
void warm_up_driver(core::Dialect dialect);

struct ServerDriver;

/// While alive, the calling thread may open and use sessions of its own: the per-thread state of
/// the drivers prepared for threads (MySQL's) lives as long as it.
class SessionThread {
 public:
  SessionThread();
  ~SessionThread();
  SessionThread(const SessionThread&) = delete;
  SessionThread& operator=(const SessionThread&) = delete;

 private:
  std::vector<const ServerDriver*> m_begun;
};

/// The declarative SQL renderer for `dialect`; SQLite's writes its table rebuilds as late SQL.
std::unique_ptr<declarative::SqlRenderer> renderer_for(core::Dialect dialect);

/// What db:create or db:drop did.
enum class DatabaseChange {
  done,       ///< the database was created (or dropped)
  unchanged,  ///< it existed already (or did not exist): nothing was done
};

/// Creates the database `url` names: a server dialect from a session with the server without
/// that database (PostgreSQL: its `postgres` database; MySQL: no database), retried for
/// `patience` while the server starts; SQLite: the file and its folder. Throws ConnectionError
/// (never holding a password), DatabaseCommandError when the server refuses.
DatabaseChange create_database(const core::DatabaseUrl& url, std::chrono::milliseconds patience);

/// Drops the database `url` names, as create_database; SQLite: deletes the file and the files
/// kept beside it (-wal, -shm, -journal, and an older forge's .forge-lock).
DatabaseChange drop_database(const core::DatabaseUrl& url, std::chrono::milliseconds patience);

}  // namespace forge::dialect
