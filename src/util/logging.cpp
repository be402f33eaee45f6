#include "util/logging.hpp"

#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

#include "util/redaction.hpp"
#include "util/terminal_text.hpp"
#include "util/thread_capture.hpp"

namespace forge::util {

namespace {

// Written by setup_logging before any thread starts; read by every diagnostic.
std::atomic<LogLevel> g_threshold{LogLevel::info};
std::atomic<bool> g_colour{false};
std::mutex g_stderr;  // one diagnostic's bytes are never interleaved with another's

LogLevel threshold_for(Verbosity verbosity) {
  switch (verbosity) {
    case Verbosity::quiet:
      return LogLevel::error;
    case Verbosity::verbose:
      return LogLevel::debug;
    case Verbosity::normal:
      break;
  }
  return LogLevel::info;
}

// Whether the terminal's type says it shows ANSI colours (COLORTERM set, or a TERM of a family
// known to), as terminal programs commonly decide.
bool colour_terminal() {
  if (const char* colorterm = std::getenv("COLORTERM"); colorterm != nullptr && *colorterm) {
    return true;
  }
  const char* term = std::getenv("TERM");
  if (term == nullptr) return false;
  constexpr std::array<const char*, 16> k_families = {
      "ansi", "color", "console", "cygwin", "gnome", "konsole", "kterm",     "linux",
      "msys", "putty", "rxvt",    "screen", "vt100", "xterm",   "alacritty", "tmux"};
  for (const char* family : k_families) {
    if (std::strstr(term, family) != nullptr) return true;
  }
  return false;
}

}  // namespace

void setup_logging(Verbosity verbosity) {
  const char* no_color = std::getenv("NO_COLOR");
  const bool colour_allowed = no_color == nullptr || *no_color == '\0';
  g_colour.store(colour_allowed && ::isatty(STDERR_FILENO) == 1 && colour_terminal());
  g_threshold.store(threshold_for(verbosity));
}

bool log_enabled(LogLevel level) noexcept {
  return static_cast<int>(level) >= static_cast<int>(g_threshold.load(std::memory_order_relaxed));
}

void log_text(LogLevel level, std::string_view text) {
  if (auto* capture = ThreadCapture::current()) {
    if (log_enabled(level)) capture->add_log(level, text);
    return;
  }
  if (!log_enabled(level)) return;
  // Plain lines for information; errors and warnings say what they are, coloured (bold red,
  // bold yellow) on a colour terminal. The text passes redact before anything is added.
  const bool colour = g_colour.load(std::memory_order_relaxed);
  std::string line;
  if (colour && level == LogLevel::error) line = "\033[31m\033[1m";
  if (colour && level == LogLevel::warn) line = "\033[33m\033[1m";
  if (level == LogLevel::error) line += "error: ";
  if (level == LogLevel::warn) line += "warning: ";
  line += printable(redact(text));
  if (colour && (level == LogLevel::error || level == LogLevel::warn)) line += "\033[m";
  line += '\n';
  const std::lock_guard<std::mutex> lock(g_stderr);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace forge::util
