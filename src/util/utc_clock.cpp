#include "util/utc_clock.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace forge::util {

namespace {
std::tm to_utc(std::chrono::system_clock::time_point when) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  return parts;
}
}  // namespace

std::string version_stamp(std::chrono::system_clock::time_point when) {
  std::tm t = to_utc(when);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d%02d%02d%02d%02d%02d", t.tm_year + 1900, t.tm_mon + 1,
                t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec);
  return buffer;
}

std::string seconds_text(std::chrono::milliseconds span) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.3f", static_cast<double>(span.count()) / 1000.0);
  std::string text = buffer;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text + " s";
}

std::optional<double> parse_seconds(std::string_view text) {
  const std::string copy(text);  // strtod needs a terminated string
  char* end = nullptr;
  const double seconds = std::strtod(copy.c_str(), &end);
  if (copy.empty() || *end != '\0' || !std::isfinite(seconds) || seconds < 0 ||
      seconds > k_max_seconds) {
    return std::nullopt;
  }
  return seconds;
}

std::string iso8601_utc(std::chrono::system_clock::time_point when) {
  std::tm t = to_utc(when);
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()) % 1000;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", t.tm_year + 1900,
                t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec,
                static_cast<int>(millis.count()));
  return buffer;
}

}  // namespace forge::util
