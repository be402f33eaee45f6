#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace forge::util {

/// `when` as UTC `YYYYMMDDHHMMSS`, the version stamp of a generated unit.
std::string version_stamp(std::chrono::system_clock::time_point when);
/// `span` for messages: "60 s", "1.5 s", "0.25 s" (no trailing zeros).
std::string seconds_text(std::chrono::milliseconds span);
/// The longest wait or timeout forge takes, in seconds: PostgreSQL's statement_timeout is an
/// int of milliseconds, and every wait must fit one (about 24.8 days).
constexpr double k_max_seconds = 2147483;
/// `text` as a number of seconds from 0 to k_max_seconds ("30", "1.5"); nullopt for anything
/// else (empty, trailing text, negative, NaN, infinite, 1e308).
std::optional<double> parse_seconds(std::string_view text);
/// `when` as UTC ISO-8601 with milliseconds, e.g. `2024-03-15T10:23:44.012Z`.
std::string iso8601_utc(std::chrono::system_clock::time_point when);

}  // namespace forge::util
