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
  SourceLocation location;          ///< where the type string was written
};

/// Parses a type string (`STRING(50)`, `DECIMAL(10, 2)`, `ENUM('a','b')`, `BIGINT UNSIGNED`;
/// names in any case).
/// `enum_values` holds a separate `values:` list, which only a bare `ENUM` may take. Throws
/// MigrationFileError at `location` for an unknown type, bad arguments, or an ENUM without
/// values.
TypeSpec parse_type(std::string_view text, const SourceLocation& location,
                    const std::vector<std::string>& enum_values = {});

/// The canonical type string: `STRING(50)`, `DECIMAL(10,2)`, `ENUM('a','b')`.
std::string to_string(const TypeSpec& type);

/// The type's name as written in units: `STRING`, `DATEONLY`, `ENUM`.
std::string_view type_name(TypeKind kind);

/// True for the kinds that take integers (INTEGER, BIGINT, SMALLINT).
bool is_integer_kind(TypeKind kind);

}  // namespace forge::declarative
