#include "core/config_file.hpp"

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "util/files.hpp"

namespace forge::core {

namespace {

using nlohmann::json;

// nlohmann ends some messages with "; last read: '<token>'", quoting the file's text near the
// error -- which may be a password. The line and column are enough to find it.
std::string without_quoted_text(std::string message) {
  const auto at = message.find("; last read:");
  if (at != std::string::npos) message.erase(at);
  return message;
}

// A configuration file is a few kilobytes; anything near this is a wrong path (/dev/zero).
constexpr std::size_t k_max_config_bytes = std::size_t(16) << 20;

bool is_javascript(const std::filesystem::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".js" || extension == ".cjs";
}

std::string config_text(const std::filesystem::path& path, const EvaluateModule& evaluate) {
  if (is_javascript(path)) {
    if (evaluate) {
      if (auto exported = evaluate(path)) return *exported;
    }
    throw ConfigError(path.string() + " is JavaScript, and no Node was found to run it",
                      "Install Node (18 or newer) or set FORGE_NODE to it; or write the "
                      "configuration as config/config.json.");
  }
  try {
    return util::read_file(path, k_max_config_bytes);
  } catch (const std::exception& e) {
    throw ConfigError(e.what(), "Check the path given with --config (or in .forgerc).");
  }
}

json parse_json(const std::filesystem::path& path, const EvaluateModule& evaluate) {
  const std::string text = config_text(path, evaluate);
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    // nlohmann reports "at line L, column C"; keep its words after the file name.
    throw ConfigError(path.string() + ": invalid JSON: " + without_quoted_text(e.what()),
                      "Fix the JSON syntax at the line and column shown.");
  }
}

ConfigValue value_of(const json& value) {
  using Type = ConfigValue::Type;
  if (value.is_string()) return {Type::string, value.get<std::string>()};
  if (value.is_number()) return {Type::number, value.dump()};
  if (value.is_boolean()) return {Type::boolean, value.dump()};
  return {value.is_array() ? Type::list : Type::object, {}};
}

ConfigValues values_of(const json& object) {
  ConfigValues values;
  for (const auto& [key, value] : object.items()) {
    if (!value.is_null()) values[key] = value_of(value);
  }
  return values;
}

}  // namespace

ConfigFile read_config_file(const std::filesystem::path& path, const EvaluateModule& evaluate) {
  const json document = parse_json(path, evaluate);
  if (!document.is_object()) {
    throw ConfigError(path.string() + ": expected an object with one entry per environment",
                      "Write it as { \"development\": { \"url\": \"sqlite:db/dev.sqlite3\" } }.");
  }
  ConfigFile file{path, {}, {}};
  for (const auto& [name, section] : document.items()) {
    if (section.is_object()) {
      file.environments[name] = values_of(section);
    } else {
      file.not_objects[name] = section.is_null() ? "null" : describe(value_of(section).type);
    }
  }
  return file;
}

ConfigValues read_rc_file(const std::filesystem::path& path) {
  const json document = parse_json(path, {});
  if (!document.is_object()) {
    throw ConfigError(path.string() + ": expected a JSON object",
                      "Write it as { \"migrations-path\": \"db/migrations\" }.");
  }
  return values_of(document);
}

std::string describe(ConfigValue::Type type) {
  switch (type) {
    case ConfigValue::Type::string:
      return "a string";
    case ConfigValue::Type::number:
      return "a number";
    case ConfigValue::Type::boolean:
      return "a boolean";
    case ConfigValue::Type::list:
      return "a list";
    case ConfigValue::Type::object:
      break;
  }
  return "an object";
}

std::string text_of(const ConfigValue& value, const std::string& where,
                    std::initializer_list<ConfigValue::Type> also) {
  bool accepted = value.type == ConfigValue::Type::string;
  std::string wanted = "a string";
  for (ConfigValue::Type type : also) {
    accepted = accepted || value.type == type;
    wanted += " or " + describe(type);
  }
  if (!accepted) {
    throw ConfigError(where + ": must be " + wanted + ", not " + describe(value.type),
                      "Write " + wanted +
                          " there; text goes in double quotes, as in "
                          "\"storage\": \"db/development.sqlite3\".");
  }
  // Drivers and file names are C strings: a NUL (\u0000) would silently cut the value short.
  if (value.text.find('\0') != std::string::npos) {
    throw ConfigError(where + ": holds a NUL character (\\u0000)", "Remove it from the value.");
  }
  return value.text;
}

}  // namespace forge::core
