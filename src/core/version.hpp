#pragma once
#include <string>
#include <string_view>

namespace forge::core {

/// Compares two versions as numbers of any length (20-digit versions overflow 64 bits):
/// negative, zero or positive like strcmp. A version is digits, or Flyway's dotted parts
/// (`1.10` comes after `1.9`; a missing part counts as 0, so `1` equals `1.0`). Leading zeros do
/// not count.
int compare_versions(std::string_view a, std::string_view b);
/// The leading run of ASCII digits of `name` (empty when it starts otherwise).
std::string_view leading_version(std::string_view name);

/// A Flyway file name's parts: `V1_1__add_people.sql` -> kind 'V', version `1.1`.
struct FlywayName {
  char kind = 'V';      ///< 'V' (versioned: the up), 'U' (undo: the down), 'R' (repeatable)
  std::string version;  ///< parts joined with '.'; empty for 'R'
  std::string stem;     ///< the name without extension, with 'V' for V and U files alike
};

/// Reads `V<version>__<description>`, `U<version>__<description>` or `R__<description>` (any
/// extension already removed; the prefix letter in either case); nullopt otherwise.
bool parse_flyway_name(std::string_view name, FlywayName& out);

/// The version a unit's name gives: its leading digits, or a Flyway name's dotted version.
std::string unit_version(std::string_view name);

}  // namespace forge::core
