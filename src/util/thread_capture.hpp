#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/logging.hpp"

// A fleet runs one database's command per worker thread; what each would print is kept per
// thread and reported per database, instead of lines of many databases interleaved.
namespace forge::util {

/// While alive, what the creating thread writes through write_output() and logs is kept here
/// instead of going to stdout and stderr. Not nested; other threads are not affected.
class ThreadCapture {
 public:
  ThreadCapture();
  ~ThreadCapture();
  ThreadCapture(const ThreadCapture&) = delete;
  ThreadCapture& operator=(const ThreadCapture&) = delete;

  /// Everything written to "stdout" so far.
  const std::string& output() const noexcept { return m_output; }
  /// Every diagnostic logged so far (those the verbosity lets through), in order.
  const std::vector<std::pair<LogLevel, std::string>>& log() const noexcept { return m_log; }

  /// The capture of the calling thread, or nullptr.
  static ThreadCapture* current() noexcept;
  void add_output(std::string_view text) { m_output += text; }
  void add_log(LogLevel level, std::string_view text) { m_log.emplace_back(level, text); }

 private:
  std::string m_output;
  std::vector<std::pair<LogLevel, std::string>> m_log;
};

/// Writes `text` to stdout and flushes (progress must show as it happens), or to the calling
/// thread's capture.
void write_output(std::string_view text);

}  // namespace forge::util
