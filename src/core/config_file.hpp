#pragma once
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace forge::core {

/// One value of a config object, as JSON wrote it.
struct ConfigValue {
  enum class Type { string, number, boolean, list, object };
  Type type = Type::string;
  std::string text;  ///< a string's text; a number or boolean as JSON spells it; else empty
};

/// The settings of one object in a JSON config file, unexpanded. Nulls are left out: Sequelize
/// writes `"password": null` for "none".
using ConfigValues = std::map<std::string, ConfigValue>;

/// A `forge.json` / Sequelize `config/config.json`: one object per environment.
struct ConfigFile {
  std::filesystem::path path;
  std::map<std::string, ConfigValues> environments;
  /// Top-level entries that are not objects, so cannot be environments: name -> `a string`.
  std::map<std::string, std::string> not_objects;
};

/// Runs a JavaScript or JSON file the way Node's `require` does and gives what it exports as
/// JSON text; nullopt when no Node is available. Throws ConfigError when Node fails on the file.
using EvaluateModule = std::function<std::optional<std::string>(const std::filesystem::path&)>;

/// Reads a config file: JSON, or JavaScript (`.js`, `.cjs`: Sequelize's `config/config.js`)
/// through `evaluate`. Throws ConfigError with the file, line and column of a JSON syntax
/// error, when the top level is not an object, or for JavaScript without Node.
ConfigFile read_config_file(const std::filesystem::path& path, const EvaluateModule& evaluate = {});

/// Reads a `.forgerc` (JSON object of paths, like `.sequelizerc`). Throws ConfigError as above.
ConfigValues read_rc_file(const std::filesystem::path& path);

/// `value`'s text where forge needs a string (or, when `also` names them, a number or a
/// boolean too). Throws ConfigError `<where>: must be a string, not a list`, so that a value
/// of the wrong type is never read as another setting, as nothing, or as its JSON spelling;
/// and for text holding a NUL character.
std::string text_of(const ConfigValue& value, const std::string& where,
                    std::initializer_list<ConfigValue::Type> also = {});

/// How a JSON type reads in a message: `a string`, `a list`, `an object`.
std::string describe(ConfigValue::Type type);

}  // namespace forge::core
