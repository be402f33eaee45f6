#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "declarative/location.hpp"

namespace forge::declarative {

/// The portable column types (sequelize's DataTypes names).
enum class TypeKind {
  string,            ///< STRING(n): variable-length text, n characters (255 by default)
  character,         ///< CHAR(n): fixed-length text (255 by default)
  text,              ///< TEXT: unbounded text
  integer,           ///< INTEGER: 32 bits
  big_integer,       ///< BIGINT: 64 bits
  small_integer,     ///< SMALLINT: 16 bits
  floating,          ///< FLOAT: single precision
  double_precision,  ///< DOUBLE
  decimal,           ///< DECIMAL(p,s): exact
  boolean,           ///< BOOLEAN
  date_time,         ///< DATE: a timestamp (with time zone where the dialect has one)
  date_only,         ///< DATEONLY: a calendar date
  time,              ///< TIME
  uuid,              ///< UUID
  json,              ///< JSON
  jsonb,             ///< JSONB
  blob,              ///< BLOB: bytes
  enumeration,       ///< ENUM('a','b'): one of `values`
  native,            ///< a database's own type, spelt per dialect: {postgres: INET, ...}
};

/// One dialect's spelling of a native type: `postgres` → `INET`.
struct NativeSpelling {
  std::string dialect;  ///< postgres, mysql or sqlite
  std::string type;     ///< a type name with arguments, never other SQL (checked when read)
};

/// A column type as parsed from its type string.
struct TypeSpec {
  TypeKind kind = TypeKind::text;
  int length = 0;                   ///< STRING and CHAR: characters; 0 for the other kinds
  int precision = 0;                ///< DECIMAL: total digits; 0 for the other kinds
  int scale = 0;                    ///< DECIMAL: digits after the point
  std::vector<std::string> values;  ///< ENUM: the allowed values, in order
  bool is_unsigned = false;         ///< `INTEGER UNSIGNED`: MySQL's unsigned integers (sequelize's
                                    ///< INTEGER.UNSIGNED); PostgreSQL has none and ignores it
  std::vector<NativeSpelling> native;  ///< native: the spelling of each dialect that has one
  SourceLocation location;             ///< where the type string was written
};

/// Parses a type string (`STRING(50)`, `DECIMAL(10, 2)`, `ENUM('a','b')`, `BIGINT UNSIGNED`;
/// names in any case).
/// `enum_values` holds a separate `values:` list, which only a bare `ENUM` may take. Throws
/// MigrationFileError at `location` for an unknown type, bad arguments, or an ENUM without
/// values.
TypeSpec parse_type(std::string_view text, const SourceLocation& location,
                    const std::vector<std::string>& enum_values = {});

/// A native type from its spellings per dialect (`{postgres: INET, sqlite: TEXT}`). Throws
/// MigrationFileError at `location` for a dialect forge does not know, and for a spelling that
/// is not a plain type name (letters, digits, `_`, spaces, `.`, `[]`, and balanced parentheses
/// with numbers or names inside): it goes into DDL as written.
TypeSpec native_type(std::vector<NativeSpelling> spellings, const SourceLocation& location);

/// The native type's spelling on `dialect` (postgres, mysql, sqlite). Throws
/// MigrationFileError at the type's location when the unit gives none for that dialect.
const std::string& native_spelling(const TypeSpec& type, std::string_view dialect);

/// The canonical type string: `STRING(50)`, `DECIMAL(10,2)`, `ENUM('a','b')`,
/// `{postgres: INET, sqlite: TEXT}`.
std::string to_string(const TypeSpec& type);

/// The type's name as written in units: `STRING`, `DATEONLY`, `ENUM`.
std::string_view type_name(TypeKind kind);

/// True for the kinds that take integers (INTEGER, BIGINT, SMALLINT).
bool is_integer_kind(TypeKind kind);

}  // namespace forge::declarative
