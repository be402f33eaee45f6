#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace forge::core {

/// Looks up an environment variable; nullopt when unset.
using Getenv = std::function<std::optional<std::string>(const std::string&)>;

/// The process environment, as a Getenv.
Getenv process_environment();

/// `value` with each `${VAR}` replaced by the variable's value and `${VAR:-fallback}` by the
/// fallback when VAR is unset or empty. Throws ConfigError naming VAR and `where` (the config
/// key) when a variable without fallback is unset, or a `${` is not closed.
std::string expand_env(std::string_view value, const Getenv& getenv, const std::string& where);

}  // namespace forge::core
