#include "core/env_expansion.hpp"

#include "core/errors.hpp"

#include <cstdlib>

namespace forge::core {

Getenv process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

std::string expand_env(std::string_view value, const Getenv& getenv, const std::string& where) {
  std::string out;
  std::size_t pos = 0;
  for (auto open = value.find("${"); open != std::string_view::npos; open = value.find("${", pos)) {
    out.append(value.substr(pos, open - pos));
    const auto close = value.find('}', open);
    if (close == std::string_view::npos) {
      throw ConfigError(where + ": '${' without a closing '}'", "Write variables as ${NAME}.");
    }
    std::string_view inner = value.substr(open + 2, close - open - 2);
    std::optional<std::string> fallback;
    if (const auto dash = inner.find(":-"); dash != std::string_view::npos) {
      fallback = std::string(inner.substr(dash + 2));
      inner = inner.substr(0, dash);
    }
    const std::string name(inner);
    auto found = getenv(name);
    if (fallback && (!found || found->empty())) found = fallback;
    if (!found) {
      throw ConfigError(where + " uses ${" + name + "}, but " + name + " is not set",
                        "Set " + name + " in the environment, or change the configuration.");
    }
    out += *found;
    pos = close + 1;
  }
  out.append(value.substr(pos));
  return out;
}

}  // namespace forge::core
