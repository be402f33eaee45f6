#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace forge::core {

/// Which directions a file holds.
enum class FileRole {
  both,  ///< `<version>-<name>.sql`: up and down sections behind markers
  up,    ///< `<version>_<name>.up.sql`
  down,  ///< `<version>_<name>.down.sql`
};

/// How a unit file is written.
enum class FileFormat {
  sql,          ///< `.sql`: SQL sections
  declarative,  ///< `.yaml`, `.yml`, `.json`: forge's portable operations (up and down in one file)
  script,       ///< `.js`, `.cjs`, `.mjs`: a sequelize-cli migration, run through Node
};

/// What a migration file's name says about it.
struct UnitFileName {
  std::string version;      ///< leading digits
  std::string stem;         ///< name without dialect, direction and extension: the unit's identity
  std::string dialect_tag;  ///< empty when dialect-neutral; else as written, lower-cased
  FileRole role = FileRole::both;
  bool autocommit = false;  ///< popx's `.autocommit` segment: run outside a transaction
  FileFormat format = FileFormat::sql;
};

/// Reads a file name such as `20240315102344-add-codes.postgres.sql` or
/// `1_init.mysql.autocommit.up.sql` or `20240315102344-add-codes.mysql.yaml`, or Flyway's
/// `V1_1__add_people.sql` (the up) and `U1_1__add_people.sql` (its down), stem
/// `V1_1__add_people`, version `1.1`; nullopt when it is not a migration unit's name (no
/// leading digits, or not `.sql`, `.yaml`, `.yml`, `.json`). Declarative files always hold both
/// directions: `.up.yaml` is no unit name.
std::optional<UnitFileName> parse_unit_file_name(std::string_view file_name);

/// True for `<version>_<name>.up.yaml` (or `.down.yml`, `.up.json`, ...): the name of a unit whose
/// format holds both directions in one file, written as if it held one; such a file is an error,
/// never skipped.
bool is_directional_declarative_name(std::string_view file_name);

/// True for dialect tags seen in migration sets (`postgres`, `cockroach`, `sqlite3`, ...),
/// whether or not forge has an adapter for them.
bool is_known_dialect_tag(std::string_view tag);

}  // namespace forge::core
