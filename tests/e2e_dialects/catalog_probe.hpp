#pragma once
#include <string>
#include <vector>

#include "core/dialect_kind.hpp"

namespace forge::e2e {

/// Looks into a database of any dialect the way its own shell would (through db_probe, never
/// through forge's adapters): tables, columns and forge's history table ForgeMeta.
class CatalogProbe {
 public:
  /// `url` as forge takes it.
  explicit CatalogProbe(std::string url);

  /// True when table `table` exists in `schema` (PostgreSQL; "" means public) or in the
  /// database (MySQL, SQLite).
  bool has_table(const std::string& table, const std::string& schema = "") const;
  /// True when `table` has a column called `column`.
  bool has_column(const std::string& table, const std::string& column) const;
  /// Rows in `table` (a bare name).
  long count(const std::string& table) const;
  /// Names in ForgeMeta, sorted, whatever their state; empty when it does not exist.
  std::vector<std::string> history() const;
  /// The state column of `name`'s ForgeMeta row (`applied`, `failed`); "" without a row.
  std::string state(const std::string& name) const;
  /// The first column of the first row of `sql`, as text.
  std::string scalar(const std::string& sql) const;
  /// Runs a statement by hand (DDL, DML).
  void execute(const std::string& sql) const;
  /// The schema as the database's own catalog describes it, one sorted line per column, key,
  /// index, foreign key, check, enum type, sequence and comment, for comparing two databases
  /// built by two tools. History tables (ForgeMeta, SequelizeMeta) aside.
  std::vector<std::string> schema() const;

 private:
  std::string meta() const;  // ForgeMeta, quoted where the dialect needs it
  std::string m_url;
  core::Dialect m_dialect;
};

}  // namespace forge::e2e
