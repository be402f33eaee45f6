#include "core/statement.hpp"

namespace forge::core {

void LateSql::drive(Connection& connection, const Statement& origin,
                    const StatementRunner& run) const {
  for (std::string& text : write(connection)) {
    run(Statement{std::move(text), origin.file, origin.line, nullptr});
  }
}

}  // namespace forge::core
