#include "dialect_test.hpp"

#include <stdexcept>

#include "core/url.hpp"

namespace forge::e2e {

std::string dialect_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

std::string unit_sql(std::string_view up, std::string_view down, std::string_view up_marker) {
  return std::string(up_marker) + "\n" + std::string(up) + "\n\n-- forge:down\n" +
         std::string(down) + "\n";
}

std::string create_table(const std::string& table) {
  return "CREATE TABLE " + table + " (id INTEGER PRIMARY KEY);";
}

std::string slow_sql(const std::string& dialect, int seconds) {
  const std::string n = std::to_string(seconds);
  if (dialect == "postgres") return "SELECT pg_sleep(" + n + ");";
  if (dialect == "mysql") return "SELECT SLEEP(" + n + ");";
  return "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " +
         std::to_string(4000000 * seconds) + ") SELECT count(*) FROM c;";
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::size_t occurrences(std::string_view text, std::string_view needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

std::string with_port(const std::string& url, int port) {
  const auto parsed = core::parse_database_url(url);
  const std::string old_port = ":" + std::to_string(parsed.port.value()) + "/";
  const auto at = url.find(old_port, url.find('@'));
  if (at == std::string::npos) throw std::runtime_error("no port in the test server's URL");
  return url.substr(0, at) + ":" + std::to_string(port) + "/" + url.substr(at + old_port.size());
}

std::string missing_table_message(const std::string& dialect) {
  if (dialect == "postgres") return "relation \"no_such_table\" does not exist";
  if (dialect == "mysql") return "no_such_table' doesn't exist";
  return "no such table: no_such_table";
}

void DialectTest::SetUp() {
  m_database = std::make_unique<forge::testing::TestDatabase>(GetParam());
}

std::string DialectTest::add_table_unit(const std::string& version, const std::string& name,
                                        const std::string& table) {
  return add_unit(version + "-" + name, unit_sql(create_table(table), "DROP TABLE " + table + ";"));
}

std::string DialectTest::add_unit(const std::string& name, std::string_view text) {
  project.write("migrations/" + name + ".sql", text);
  return name;
}

ProcessResult DialectTest::forge_db(std::vector<std::string> args, const EnvChanges& env) const {
  args.push_back("--url");
  args.push_back(url());
  return project.forge(args, env);
}

}  // namespace forge::e2e
