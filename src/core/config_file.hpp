#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace forge::core {

/// The scalar settings of one object in a JSON config file, as text (numbers and booleans
/// spelled as JSON spells them; nulls and nested objects left out), unexpanded.
using ConfigValues = std::map<std::string, std::string>;

/// A `forge.json` / Sequelize `config/config.json`: one object per environment.
struct ConfigFile {
  std::filesystem::path path;
  std::map<std::string, ConfigValues> environments;
};

/// Reads a config file. Throws ConfigError with the file, line and column of a JSON syntax
/// error, or when the top level is not an object of objects.
ConfigFile read_config_file(const std::filesystem::path& path);

/// Reads a `.forgerc` (JSON object of paths, like `.sequelizerc`). Throws ConfigError as above.
ConfigValues read_rc_file(const std::filesystem::path& path);

}  // namespace forge::core
