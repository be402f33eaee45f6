#pragma once
#include <string>
#include <string_view>

namespace forge::core {

/// Compares two digit strings as numbers of any length (20-digit versions overflow 64 bits):
/// negative, zero or positive like strcmp. Leading zeros do not count.
int compare_versions(std::string_view a, std::string_view b);
/// The leading run of ASCII digits of `name` (empty when it starts otherwise).
std::string_view leading_version(std::string_view name);

}  // namespace forge::core
