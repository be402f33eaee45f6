#include "catalog_probe.hpp"

#include <utility>

#include "core/url.hpp"
#include "db_probe.hpp"

namespace forge::e2e {

namespace {

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (!text.empty() && start <= text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    items.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

}  // namespace

CatalogProbe::CatalogProbe(std::string url)
    : m_url(std::move(url)), m_dialect(core::parse_database_url(m_url).dialect) {}

std::string CatalogProbe::scalar(const std::string& sql) const {
  return forge::testing::query_scalar(m_url, sql);
}

void CatalogProbe::execute(const std::string& sql) const { forge::testing::execute(m_url, sql); }

long CatalogProbe::count(const std::string& table) const {
  return forge::testing::count_rows(m_url, table);
}

bool CatalogProbe::has_table(const std::string& table, const std::string& schema) const {
  switch (m_dialect) {
    case core::Dialect::sqlite:
      return scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table +
                    "'") == "1";
    case core::Dialect::postgres:
      return scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" +
                    (schema.empty() ? std::string("public") : schema) + "' AND table_name = '" +
                    table + "'") == "1";
    case core::Dialect::mysql:
      return scalar(
                 "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                 "DATABASE() AND table_name = '" +
                 table + "'") == "1";
  }
  return false;
}

bool CatalogProbe::has_column(const std::string& table, const std::string& column) const {
  if (m_dialect == core::Dialect::sqlite) {
    return scalar("SELECT count(*) FROM pragma_table_info('" + table + "') WHERE name = '" +
                  column + "'") == "1";
  }
  const std::string schema =
      m_dialect == core::Dialect::postgres ? "current_schema()" : "DATABASE()";
  return scalar("SELECT count(*) FROM information_schema.columns WHERE table_schema = " + schema +
                " AND table_name = '" + table + "' AND column_name = '" + column + "'") == "1";
}

std::vector<std::string> CatalogProbe::history() const {
  if (!has_table("ForgeMeta")) return {};
  switch (m_dialect) {
    case core::Dialect::sqlite:
      return split_commas(
          scalar("SELECT group_concat(name, ',') FROM (SELECT name FROM ForgeMeta ORDER BY name)"));
    case core::Dialect::postgres:
      return split_commas(scalar("SELECT string_agg(name, ',' ORDER BY name) FROM \"ForgeMeta\""));
    case core::Dialect::mysql:
      return split_commas(
          scalar("SELECT GROUP_CONCAT(name ORDER BY name SEPARATOR ',') FROM ForgeMeta"));
  }
  return {};
}

std::string CatalogProbe::state(const std::string& name) const {
  return scalar("SELECT state FROM " + meta() + " WHERE name = '" + name + "'");
}

std::string CatalogProbe::meta() const {
  return m_dialect == core::Dialect::postgres ? "\"ForgeMeta\"" : "ForgeMeta";
}

}  // namespace forge::e2e
