#include "cli/option_checks.hpp"

#include <CLI/CLI.hpp>

#include "util/strings.hpp"
#include "util/utc_clock.hpp"

namespace forge::cli {

namespace {
constexpr int k_max_count = 1000000;
}  // namespace

const CLI::Validator& seconds_option() {
  static const CLI::Validator validator(
      [](std::string& text) -> std::string {
        if (util::parse_seconds(text)) return "";
        return "expected a number of seconds from 0 to " +
               std::to_string(static_cast<long>(util::k_max_seconds)) + ", got '" + text + "'";
      },
      "SECONDS");
  return validator;
}

const CLI::Validator& count_option() {
  static const CLI::Validator validator(
      [](std::string& text) -> std::string {
        if (util::is_digits(text) && text.size() <= 7 && std::stoi(text) >= 1 &&
            std::stoi(text) <= k_max_count) {
          return "";
        }
        return "expected a whole number from 1 to " + std::to_string(k_max_count) + ", got '" +
               text + "'";
      },
      "COUNT");
  return validator;
}

}  // namespace forge::cli
