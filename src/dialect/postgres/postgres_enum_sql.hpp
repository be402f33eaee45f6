#pragma once
#include <string>
#include <vector>

// PostgreSQL keeps an ENUM column's values in a named type, "enum_<table>_<column>" (the name
// sequelize gives it, so either tool finds the other's types), which must be
// created before the column and dropped after it. The renderer is pure, so the statements that
// must find those types in the catalog (which columns of a dropped table were enums?) are
// DO blocks that look them up when they run.
namespace forge::dialect::postgres {

/// The ENUM type's name for a column: `enum_<table>_<column>`, unquoted.
std::string enum_type_name(const std::string& table, const std::string& column);
/// What the names of a table's ENUM types start with: `enum_<table>_`.
std::string enum_type_prefix(const std::string& table);
/// `CREATE TYPE "name" AS ENUM ('a', 'b')`.
std::string create_enum_type_sql(const std::string& type_name,
                                 const std::vector<std::string>& values);
/// Drops `table`, then the ENUM types its columns had under forge's name, unless another
/// column still uses them.
std::string drop_table_with_enum_types_sql(const std::string& table);
/// After `from` was renamed to `to`: renames each ENUM type `enum_<from>_<column>` of its
/// columns to `enum_<to>_<column>`.
std::string rename_table_enum_types_sql(const std::string& from, const std::string& to);
/// After column `from` of `table` was renamed to `to`: renames its ENUM type to
/// `enum_<table>_<to>`.
std::string rename_column_enum_type_sql(const std::string& table, const std::string& from,
                                        const std::string& to);
/// Drops the ENUM type `type_name` when it exists and no column uses it any more.
std::string drop_unused_enum_type_sql(const std::string& type_name);
/// Gives `column` what SERIAL gives (an owned sequence `<table>_<column>_seq` as its default,
/// NOT NULL) unless a sequence already feeds it (serial or identity), continuing after the
/// largest value present.
std::string ensure_serial_sql(const std::string& table, const std::string& column);
/// `body` as an anonymous PL/pgSQL block, dollar-quoted with a tag the body does not contain.
std::string do_block(const std::string& body);

}  // namespace forge::dialect::postgres
