#include "dialect/mysql/mysql_constraint_drop.hpp"

#include "core/adapter.hpp"
#include "dialect/mysql/mysql_sql.hpp"

namespace forge::dialect::mysql {

namespace {

class ConstraintDrop : public core::LateSql {
 public:
  explicit ConstraintDrop(declarative::RemoveConstraint operation)
      : m_operation(std::move(operation)) {}

  std::vector<std::string> write(core::Connection& connection) const override {
    const std::string& table = m_operation.table;
    const auto dot = table.find('.');
    const std::string schema = dot == std::string::npos ? "" : table.substr(0, dot);
    const std::string bare = dot == std::string::npos ? table : table.substr(dot + 1);
    const auto rows = connection.query(
        "SELECT CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = " +
            std::string(schema.empty() ? "DATABASE()" : "?") +
            " AND TABLE_NAME = ? AND CONSTRAINT_NAME = ?",
        schema.empty() ? std::vector<std::string>{bare, m_operation.name}
                       : std::vector<std::string>{schema, bare, m_operation.name},
        "the constraint " + m_operation.name);
    const std::string kind = rows.empty() ? "" : rows.front().front();
    const std::string alter = "ALTER TABLE " + quote_identifier(table);
    if (kind == "UNIQUE") return {alter + " DROP INDEX " + quote_identifier(m_operation.name)};
    if (kind == "FOREIGN KEY") {
      return {alter + " DROP FOREIGN KEY " + quote_identifier(m_operation.name)};
    }
    if (kind == "PRIMARY KEY") return {alter + " DROP PRIMARY KEY"};
    // CHECK, or none of that name: the server's own words then say so.
    return {alter + " DROP CONSTRAINT " + quote_identifier(m_operation.name)};
  }

 private:
  declarative::RemoveConstraint m_operation;
};

}  // namespace

std::shared_ptr<const core::LateSql> late_constraint_drop(
    const declarative::RemoveConstraint& operation) {
  return std::make_shared<ConstraintDrop>(operation);
}

}  // namespace forge::dialect::mysql
