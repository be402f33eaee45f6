#pragma once
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/config_file.hpp"

namespace forge::core {

/// The options a `.sequelizerc` gives (`config`, `migrations-path`, `seeders-path`, `url`,
/// `env`, ...), each as text; paths as the file computes them.
using SequelizeRc = std::map<std::string, std::string>;

/// Reads the `.sequelizerc` at `file` without Node, when it is written in the common literal
/// forms: a JSON object, or `module.exports = { ... }` (after `'use strict'` and
/// `const path = require('path')`) whose values are strings, `path.resolve(...)` or
/// `path.join(...)` of strings, `__dirname` and `process.cwd()`. Paths come out absolute, taken
/// from the file's folder (where sequelize-cli runs). nullopt for anything else: then only Node
/// can tell what the file exports.
std::optional<SequelizeRc> read_sequelizerc_literally(const std::string& text,
                                                      const std::filesystem::path& folder);

/// The `.sequelizerc` at `file`: through `evaluate` (Node) when it gives an answer, else read
/// literally. Throws ConfigError naming the file when neither can read it.
SequelizeRc read_sequelizerc(const std::filesystem::path& file, const EvaluateModule& evaluate);

}  // namespace forge::core
