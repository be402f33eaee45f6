#pragma once
#include "core/adapter.hpp"

#include <functional>
#include <string>

namespace forge::dialect {

/// A transaction driven by plain statements on one session: `begin_sql` when made, COMMIT on
/// commit(), ROLLBACK when destroyed uncommitted (the destructor never throws).
class SqlTransaction : public core::Transaction {
 public:
  /// Runs forge's own SQL on the session; throws forge errors.
  using Run = std::function<void(const std::string& sql)>;

  SqlTransaction(Run run, const std::string& begin_sql);
  ~SqlTransaction() override;
  SqlTransaction(const SqlTransaction&) = delete;
  SqlTransaction& operator=(const SqlTransaction&) = delete;

  void commit() override;

 private:
  Run m_run;
  bool m_open = true;
};

}  // namespace forge::dialect
