#pragma once
#include <chrono>
#include <string>

namespace forge::util {

/// `when` as UTC `YYYYMMDDHHMMSS`, the version stamp of a generated unit.
std::string version_stamp(std::chrono::system_clock::time_point when);
/// `span` for messages: "60 s", "1.5 s", "0.25 s" (no trailing zeros).
std::string seconds_text(std::chrono::milliseconds span);
/// `when` as UTC ISO-8601 with milliseconds, e.g. `2024-03-15T10:23:44.012Z`.
std::string iso8601_utc(std::chrono::system_clock::time_point when);

}  // namespace forge::util
