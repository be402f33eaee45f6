#include "inspection.hpp"

#include <algorithm>
#include <exception>
#include <iterator>

#include "catalog_probe.hpp"
#include "core/url.hpp"
#include "dialect_test.hpp"

namespace forge::fault {

namespace {

const char* k_postgres_schema =
    "SELECT string_agg(line, E'\\n' ORDER BY line) FROM ("
    " SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type ||"
    "  coalesce('(' || character_maximum_length || ')', '') ||"
    "  CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END AS line"
    " FROM information_schema.columns WHERE table_schema = current_schema()"
    " UNION ALL SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes"
    " WHERE schemaname = current_schema()) AS s";

const char* k_mysql_schema =
    "SELECT GROUP_CONCAT(line ORDER BY line SEPARATOR '\\n') FROM ("
    " SELECT CONCAT('column ', table_name, '.', column_name, ' ', column_type,"
    "  IF(is_nullable = 'NO', ' not null', '')) AS line"
    " FROM information_schema.columns WHERE table_schema = DATABASE()"
    " UNION ALL SELECT CONCAT('index ', table_name, '.', index_name, IF(non_unique = 0, ' unique', "
    "''),"
    "  ' #', seq_in_index, ' ', column_name)"
    " FROM information_schema.statistics WHERE table_schema = DATABASE()) AS s";

const char* k_sqlite_schema =
    "SELECT group_concat(line, char(10)) FROM (SELECT line FROM ("
    " SELECT m.type || ' ' || m.name || ' on ' || m.tbl_name AS line FROM sqlite_master m"
    " WHERE m.name NOT LIKE 'sqlite_%'"
    " UNION ALL SELECT 'column ' || m.name || '.' || p.name || ' ' || p.type ||"
    "  CASE WHEN p.\"notnull\" THEN ' not null' ELSE '' END"
    " FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table'"
    " UNION ALL SELECT 'index ' || m.name || ' #' || i.seqno || ' ' || i.name"
    " FROM sqlite_master m, pragma_index_info(m.name) i WHERE m.type = 'index'"
    ") ORDER BY line)";

long count_of(const e2e::CatalogProbe& db, const std::string& sql) {
  const std::string value = db.scalar(sql);
  return value.empty() ? 0 : std::stol(value);
}

void check_effects(const e2e::CatalogProbe& db, const Workload& workload, Findings& findings) {
  if (!db.has_table("effects")) {
    findings.lost += static_cast<long>(workload.effects.size());
    findings.details.push_back("table effects missing: every effect lost");
    return;
  }
  long rows_seen = 0;  // rows of `effects` that some effect accounts for
  for (const auto& effect : workload.effects) {
    const long times = count_of(db, effect.count_sql);
    if (effect.is_effects_row) rows_seen += times;
    if (times == 1) continue;
    if (times == 0) ++findings.lost;
    if (times > 1) findings.applied_twice += times - 1;
    findings.details.push_back(effect.label + " took effect " + std::to_string(times) + " times");
  }
  const long strangers = db.count("effects") - rows_seen;
  if (strangers > 0) {
    findings.applied_twice += strangers;
    findings.details.push_back(std::to_string(strangers) +
                               " rows in effects that no statement writes");
  }
}

void check_history(const e2e::CatalogProbe& db, const Workload& workload, Findings& findings) {
  const auto recorded = db.history();
  for (const auto& unit : workload.units) {
    const bool has_row = std::count(recorded.begin(), recorded.end(), unit.name) > 0;
    const std::string state = has_row ? db.state(unit.name) : "";
    if (state == "applied") continue;
    ++findings.unrecorded;
    findings.details.push_back("unit " + unit.name + " is " +
                               (state.empty() ? "not in ForgeMeta" : "'" + state + "'"));
  }
}

void check_schema(const std::string& url, const std::vector<std::string>& expected,
                  Findings& findings) {
  const auto actual = schema_of(url);
  if (actual == expected) return;
  findings.schema_differs = true;
  std::vector<std::string> missing, extra;
  std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(),
                      std::back_inserter(missing));
  std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(),
                      std::back_inserter(extra));
  for (const auto& line : missing) findings.details.push_back("schema lacks: " + line);
  for (const auto& line : extra) findings.details.push_back("schema has extra: " + line);
}

}  // namespace

// Sorted here, not only by the server, whose collation may order differently.
std::vector<std::string> schema_of(const std::string& url) {
  const e2e::CatalogProbe db(url);
  const auto dialect = core::parse_database_url(url).dialect;
  auto lines = e2e::lines_of(db.scalar(dialect == core::Dialect::postgres ? k_postgres_schema
                                       : dialect == core::Dialect::mysql  ? k_mysql_schema
                                                                          : k_sqlite_schema));
  std::sort(lines.begin(), lines.end());
  return lines;
}

Findings inspect(const std::string& url, const Workload& workload,
                 const std::vector<std::string>& expected_schema) {
  Findings findings;
  try {
    const e2e::CatalogProbe db(url);
    check_effects(db, workload, findings);
    check_history(db, workload, findings);
    check_schema(url, expected_schema, findings);
  } catch (const std::exception& e) {
    // A database the probe cannot read is as good as lost; say why.
    findings.schema_differs = true;
    findings.details.push_back(std::string("cannot inspect the database: ") + e.what());
  }
  return findings;
}

}  // namespace forge::fault
