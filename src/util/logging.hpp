#pragma once
#include <fmt/core.h>

#include <string_view>
#include <utility>

namespace forge::util {

enum class Verbosity { quiet, normal, verbose };

/// Sends every diagnostic to stderr, a line each, its text passed through `redact`; sets the
/// least level printed. Colour only when stderr is a colour terminal and NO_COLOR is unset.
void setup_logging(Verbosity verbosity);

/// The levels of diagnostics, least to most severe.
enum class LogLevel { debug = 1, info = 2, warn = 3, error = 4 };

/// Whether a diagnostic at `level` is printed (by the verbosity given to setup_logging).
bool log_enabled(LogLevel level) noexcept;

/// Prints `text` as one diagnostic at `level`.
void log_text(LogLevel level, std::string_view text);

// The text is formatted here, by fmt, only when the level is enabled.

/// Formats (fmt's syntax) and prints one diagnostic at `level`, when that level is enabled.
template <LogLevel level>
struct Log {
  template <typename... Args>
  void operator()(fmt::format_string<Args...> format, Args&&... args) const {
    if (log_enabled(level)) log_text(level, fmt::format(format, std::forward<Args>(args)...));
  }
};

inline constexpr Log<LogLevel::debug> log_debug{};
inline constexpr Log<LogLevel::info> log_info{};
inline constexpr Log<LogLevel::warn> log_warn{};
inline constexpr Log<LogLevel::error> log_error{};

}  // namespace forge::util
