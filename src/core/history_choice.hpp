#pragma once
#include <string>

#include "core/adapter.hpp"
#include "core/config.hpp"

namespace forge::core {

/// The migrations' history table for this run. A named one (Settings::meta_table_named) as it
/// is. Otherwise, in a Sequelize project, sequelize-cli's `SequelizeMeta` -- or `ForgeMeta`
/// when an earlier forge's table is there and no SequelizeMeta -- and elsewhere `ForgeMeta`.
/// Throws ConfigError when a Sequelize project's database holds both tables (forge cannot know
/// which is true); warns when ForgeMeta is used and a SequelizeMeta beside it goes unread.
/// Keeps the chosen table's columns on `connection` (Connection::keep_history_columns) where
/// one question described both tables.
std::string choose_history_table(Connection& connection, const Settings& settings);

}  // namespace forge::core
