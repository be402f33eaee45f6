#include "core/adapter.hpp"

#include "core/statement_kind.hpp"

namespace forge::core {

bool Connection::joins_transaction(const Statement& statement) const {
  return capabilities().transactional_ddl && !is_transaction_control(statement) &&
         !refuses_transaction(statement, dialect());
}

Effect Connection::effect_of(const Statement& statement) {
  (void)statement;
  return Effect::unknown;
}

}  // namespace forge::core
