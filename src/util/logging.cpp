#include "util/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/ansicolor_sink.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <memory>

#include "util/redaction.hpp"
#include "util/terminal_text.hpp"
#include "util/thread_capture.hpp"

namespace forge::util {

namespace {
// Masks credentials and escapes control characters in the message before the level/colour
// decoration is added.
class RedactingFlag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    std::string text;
    if (msg.level >= spdlog::level::err)
      text = "error: ";
    else if (msg.level == spdlog::level::warn)
      text = "warning: ";
    text += printable(redact(std::string_view(msg.payload.data(), msg.payload.size())));
    dest.append(text.data(), text.data() + text.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<RedactingFlag>();
  }
};

spdlog::level::level_enum level_for(Verbosity verbosity) {
  switch (verbosity) {
    case Verbosity::quiet:
      return spdlog::level::err;
    case Verbosity::verbose:
      return spdlog::level::debug;
    case Verbosity::normal:
      break;
  }
  return spdlog::level::info;
}

static_assert(static_cast<int>(LogLevel::debug) == spdlog::level::debug &&
              static_cast<int>(LogLevel::info) == spdlog::level::info &&
              static_cast<int>(LogLevel::warn) == spdlog::level::warn &&
              static_cast<int>(LogLevel::error) == spdlog::level::err);

spdlog::level::level_enum spdlog_level(LogLevel level) {
  return static_cast<spdlog::level::level_enum>(level);
}
}  // namespace

void setup_logging(Verbosity verbosity) {
  const char* no_color = std::getenv("NO_COLOR");
  auto mode = (no_color != nullptr && *no_color != '\0') ? spdlog::color_mode::never
                                                         : spdlog::color_mode::automatic;
  auto sink = std::make_shared<spdlog::sinks::ansicolor_stderr_sink_mt>(mode);
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  // Plain lines for information; errors and warnings are coloured and say what they are.
  formatter->add_flag<RedactingFlag>('*').set_pattern("%^%*%$");
  sink->set_color(spdlog::level::info, "");
  sink->set_color(spdlog::level::debug, "");
  sink->set_formatter(std::move(formatter));
  auto logger = std::make_shared<spdlog::logger>("forge", sink);
  logger->set_level(level_for(verbosity));
  spdlog::set_default_logger(logger);
}

bool log_enabled(LogLevel level) noexcept {
  return spdlog::default_logger_raw()->should_log(spdlog_level(level));
}

void log_text(LogLevel level, std::string_view text) {
  if (auto* capture = ThreadCapture::current()) {
    if (log_enabled(level)) capture->add_log(level, text);
    return;
  }
  spdlog::default_logger_raw()->log(spdlog_level(level), text);
}

}  // namespace forge::util
