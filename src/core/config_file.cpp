#include "core/config_file.hpp"

#include "core/errors.hpp"
#include "util/files.hpp"

#include <nlohmann/json.hpp>

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

json parse_json(const std::filesystem::path& path) {
  std::string text;
  try {
    text = util::read_file(path);
  } catch (const std::exception& e) {
    throw ConfigError(e.what(), "Check the path given with --config (or in .forgerc).");
  }
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    // nlohmann reports "at line L, column C"; keep its words after the file name.
    throw ConfigError(path.string() + ": invalid JSON: " + without_quoted_text(e.what()),
                      "Fix the JSON syntax at the line and column shown.");
  }
}

ConfigValues scalars_of(const json& object) {
  ConfigValues values;
  for (const auto& [key, value] : object.items()) {
    if (value.is_string()) {
      values[key] = value.get<std::string>();
    } else if (value.is_number() || value.is_boolean()) {
      values[key] = value.dump();
    }
  }
  return values;
}

}  // namespace

ConfigFile read_config_file(const std::filesystem::path& path) {
  const json document = parse_json(path);
  if (!document.is_object()) {
    throw ConfigError(path.string() + ": expected an object with one entry per environment",
                      "Write it as { \"development\": { \"url\": \"sqlite:db/dev.sqlite3\" } }.");
  }
  ConfigFile file{path, {}};
  for (const auto& [name, section] : document.items()) {
    if (section.is_object()) file.environments[name] = scalars_of(section);
  }
  return file;
}

ConfigValues read_rc_file(const std::filesystem::path& path) {
  const json document = parse_json(path);
  if (!document.is_object()) {
    throw ConfigError(path.string() + ": expected a JSON object",
                      "Write it as { \"migrations-path\": \"db/migrations\" }.");
  }
  return scalars_of(document);
}

}  // namespace forge::core
