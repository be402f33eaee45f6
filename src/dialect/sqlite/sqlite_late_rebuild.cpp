#include "dialect/sqlite/sqlite_late_rebuild.hpp"

#include <stdexcept>

#include "dialect/sqlite/sqlite_connection.hpp"
#include "dialect/sqlite/sqlite_renderer.hpp"
#include "dialect/sqlite/sqlite_schema.hpp"

namespace forge::dialect::sqlite {

namespace {

class LateRebuild : public core::LateSql {
 public:
  explicit LateRebuild(declarative::Operation operation) : m_operation(std::move(operation)) {}

  std::vector<std::string> write(core::Connection& connection) const override {
    auto* sqlite = dynamic_cast<SqliteConnection*>(&connection);
    if (sqlite == nullptr) throw std::logic_error("a SQLite rebuild runs on a SQLite connection");
    const SqliteRenderer renderer(
        [sqlite](const std::string& table) { return read_table_schema(sqlite->database(), table); });
    return renderer.render(m_operation);
  }

 private:
  declarative::Operation m_operation;
};

}  // namespace

std::shared_ptr<const core::LateSql> late_rebuild(const declarative::Operation& operation) {
  return std::make_shared<LateRebuild>(operation);
}

}  // namespace forge::dialect::sqlite
