#pragma once
#include <filesystem>

#include "core/lint/linter.hpp"

namespace forge::core::lint {

/// The rule levels `.forgerc` sets: `"lint": { "FORGE-PG001": "warning", "FORGE-D009": "off" }`.
/// None when the file does not exist or has no `lint` key. Throws ConfigError for a `lint` that
/// is not an object, an unknown rule code or an unknown level.
SeverityOverrides read_lint_overrides(const std::filesystem::path& rc_file);

}  // namespace forge::core::lint
