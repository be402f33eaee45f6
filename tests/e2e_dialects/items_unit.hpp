#pragma once
#include <string_view>

namespace forge::e2e {

/// A declarative unit making one table `items` (id, name, qty), with its down: the starting
/// point of the schema comparison tests.
inline constexpr std::string_view k_items_unit = R"yaml(up:
  - createTable:
      table: items
      columns:
        id: { type: INTEGER, primaryKey: true, autoIncrement: true }
        name: { type: STRING(40) }
        qty: { type: INTEGER }
down:
  - dropTable: { table: items }
)yaml";

/// Where tests write k_items_unit.
inline constexpr const char* k_items_unit_file = "migrations/20240101000000-items.yaml";

}  // namespace forge::e2e
