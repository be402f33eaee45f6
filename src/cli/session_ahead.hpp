#pragma once
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "core/adapter.hpp"
#include "core/dialect_kind.hpp"

namespace forge::cli {

/// An open session: whether it is a throwaway copy of the database (a dry run's), and the
/// history table the run uses there.
struct OpenedSession {
  std::unique_ptr<core::Connection> connection;
  bool rehearsal = false;
  std::string history_table;
};

/// A session opened on a thread of its own while the caller reads the unit files: opening a
/// server's (loading the driver, connecting, authenticating, finding the history table), or a
/// SQLite file with a large schema (SQLite parses it whole), costs as much as reading thousands
/// of units, and neither needs the other. What opening it gave -- the session or its error, and
/// what it logged -- is seen only through take(), so the output is what it was when the session
/// was opened after the units, and units that fail to load are reported alone.
class SessionAhead {
 public:
  using Opener = std::function<OpenedSession()>;

  /// Starts `open`, a session of `dialect`, on a new thread. `open` should not wait for a server
  /// that is not ready: its log is held until take().
  SessionAhead(core::Dialect dialect, Opener open);
  /// When not taken, the opening is left to finish on its own (a server that never answers
  /// must not hold up the error that made it unneeded): its session is closed, its error and
  /// log dropped, and main ends the process without waiting for it.
  ~SessionAhead();
  SessionAhead(const SessionAhead&) = delete;
  SessionAhead& operator=(const SessionAhead&) = delete;

  /// Waits for the opening, logs what it logged, and returns its session or throws its error.
  /// Once only.
  OpenedSession take();

 private:
  struct Outcome;
  std::shared_ptr<Outcome> m_outcome;  // shared with the thread, which may outlive this
  std::thread m_thread;
};

}  // namespace forge::cli
