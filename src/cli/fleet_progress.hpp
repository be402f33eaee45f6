#pragma once
#include <cstddef>
#include <mutex>
#include <string>

namespace forge::cli {

/// A fleet's progress on one line of stderr, redrawn as databases start and finish: done,
/// running, failed, pending and a bar. Drawn only when stderr is a terminal. Thread-safe.
class FleetProgress {
 public:
  /// `enabled`: stderr is a terminal and the person did not ask for quiet.
  FleetProgress(std::size_t total, bool enabled) : m_total(total), m_enabled(enabled) {}
  ~FleetProgress();
  FleetProgress(const FleetProgress&) = delete;
  FleetProgress& operator=(const FleetProgress&) = delete;

  void started();
  void finished(bool ok);
  /// Prints `lines` (whole lines, through the log) above the progress line.
  template <typename Print>
  void above(Print print) {
    const std::lock_guard<std::mutex> guard(m_mutex);
    clear();
    print();
    draw();
  }

 private:
  void draw();
  void clear();

  std::mutex m_mutex;
  std::size_t m_total, m_running = 0, m_done = 0, m_failed = 0;
  bool m_enabled;
};

/// Whether stderr is a terminal.
bool stderr_is_terminal();

}  // namespace forge::cli
