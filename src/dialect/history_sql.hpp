#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/history_store.hpp"

// Each dialect writes its history statements as free functions (its *_sql.cpp, unit-tested);
// this puts them behind core::HistorySql.
namespace forge::dialect {

/// The condition of an `INSERT INTO <table> AS h ... ON CONFLICT DO UPDATE` history upsert: an up
/// run's running or failed row never replaces an applied one (on a cluster, a loser's failed row
/// once overwrote the winner's applied row); a down run's reverting row may. The write then
/// changes nothing, which the loser's next history read shows.
inline constexpr const char* k_upsert_keeps_applied =
    "WHERE excluded.state IN ('applied', 'reverting') OR h.state <> 'applied'";

/// The functions that write one dialect's history statements (contracts: core::HistorySql).
struct HistorySqlFunctions {
  std::string (*create)(const std::string& table);
  std::string (*columns)(const std::string& table);
  std::string (*add_column)(const std::string& table, const std::string& column);
  std::string (*select)(const std::string& table, const std::vector<std::string>& missing);
  std::string (*upsert)(const std::string& table);
  std::string (*erase)(const std::string& table);
  /// applied_at as the upsert binds it; nullptr: ISO-8601 as it is.
  std::string (*stored_time)(std::string_view iso8601) = nullptr;
  /// The schema an unqualified name resolves to; nullptr: the dialect has no search path.
  std::string (*schema_of)(const std::string& table) = nullptr;
  /// Several unqualified tables described at once; nullptr: asked about one by one.
  std::string (*describe)(const std::vector<std::string>& tables) = nullptr;
};

/// core::HistorySql through a dialect's functions.
class FunctionHistorySql final : public core::HistorySql {
 public:
  explicit FunctionHistorySql(HistorySqlFunctions functions) : m_functions(functions) {}
  std::string create(const std::string& table) const override { return m_functions.create(table); }
  std::string columns(const std::string& table) const override {
    return m_functions.columns(table);
  }
  std::string add_column(const std::string& table, const std::string& column) const override {
    return m_functions.add_column(table, column);
  }
  std::string select(const std::string& table,
                     const std::vector<std::string>& missing) const override {
    return m_functions.select(table, missing);
  }
  std::string upsert(const std::string& table) const override { return m_functions.upsert(table); }
  std::string erase(const std::string& table) const override { return m_functions.erase(table); }
  std::string stored_time(const std::string& iso8601) const override {
    return m_functions.stored_time != nullptr ? m_functions.stored_time(iso8601) : iso8601;
  }
  std::string schema_of(const std::string& table) const override {
    return m_functions.schema_of != nullptr ? m_functions.schema_of(table) : "";
  }
  std::string describe(const std::vector<std::string>& tables) const override {
    return m_functions.describe != nullptr ? m_functions.describe(tables) : "";
  }

 private:
  HistorySqlFunctions m_functions;
};

}  // namespace forge::dialect
