#pragma once
#include "core/config_file.hpp"

namespace forge::cli {

/// core::EvaluateModule through Node: FORGE_NODE, else `node` on PATH, `require`s the file from
/// its own folder (so `path.resolve` and `process.cwd()` mean what they mean to sequelize-cli)
/// and prints what it exports as JSON. Gives nullopt when no Node can be started; throws
/// ConfigError naming the file, with Node's own words, when Node fails on it.
core::EvaluateModule node_evaluator();

}  // namespace forge::cli
