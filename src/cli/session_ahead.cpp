#include "cli/session_ahead.hpp"

#include <exception>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "dialect/registry.hpp"
#include "util/background_work.hpp"
#include "util/logging.hpp"
#include "util/thread_capture.hpp"

namespace forge::cli {

struct SessionAhead::Outcome {
  std::mutex mutex;  // guards the members below
  bool abandoned = false;
  OpenedSession session;
  std::exception_ptr error;
  std::vector<std::pair<util::LogLevel, std::string>> log;
  std::string output;
};

namespace {

// The thread's work: the driver loaded and readied here, not on the caller's thread, and the
// session opened with the driver's per-thread state alive.
void open_ahead(core::Dialect dialect, const SessionAhead::Opener& open, OpenedSession& session,
                std::exception_ptr& error) {
  try {
    dialect::prepare_for_threads(dialect);
    const dialect::SessionThread driver_state;
    session = open();
  } catch (...) {
    error = std::current_exception();
  }
}

}  // namespace

SessionAhead::SessionAhead(core::Dialect dialect, Opener open)
    : m_outcome(std::make_shared<Outcome>()) {
  m_thread = std::thread([outcome = m_outcome, dialect, open = std::move(open)] {
    const util::BackgroundWork running;  // until the session below is handed over or closed
    OpenedSession session;
    std::exception_ptr error;
    util::ThreadCapture held;
    open_ahead(dialect, open, session, error);
    const std::lock_guard<std::mutex> guard(outcome->mutex);
    if (outcome->abandoned) return;  // `session` closes as this returns, still counted
    outcome->session = std::move(session);
    outcome->error = error;
    outcome->log = held.log();
    outcome->output = held.output();
  });
}

SessionAhead::~SessionAhead() {
  if (!m_thread.joinable()) return;
  OpenedSession delivered;  // closed here, on this thread
  {
    const std::lock_guard<std::mutex> guard(m_outcome->mutex);
    m_outcome->abandoned = true;
    delivered = std::move(m_outcome->session);
  }
  m_thread.detach();
}

OpenedSession SessionAhead::take() {
  m_thread.join();
  const std::lock_guard<std::mutex> guard(m_outcome->mutex);
  if (!m_outcome->output.empty()) util::write_output(m_outcome->output);
  for (const auto& [level, text] : m_outcome->log) util::log_text(level, text);
  if (m_outcome->error) std::rethrow_exception(m_outcome->error);
  return std::move(m_outcome->session);
}

}  // namespace forge::cli
