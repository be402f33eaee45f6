#include "forge_test.hpp"

namespace forge::e2e {

std::string unit_sql(std::string_view up, std::string_view down) {
  return "-- forge:up\n" + std::string(up) + "\n\n-- forge:down\n" + std::string(down) + "\n";
}

std::string up_only_sql(std::string_view up) { return "-- forge:up\n" + std::string(up) + "\n"; }

std::string create_table(const std::string& table) {
  return "CREATE TABLE " + table + " (id INTEGER PRIMARY KEY);";
}

std::string stem_of(const std::string& path) { return std::filesystem::path(path).stem().string(); }

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.emplace_back(text.substr(start));
      break;
    }
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

std::size_t position(std::string_view text, std::string_view needle) { return text.find(needle); }

std::string ForgeTest::add_table_unit(const std::string& version, const std::string& name,
                                      const std::string& table) {
  const std::string stem = version + "-" + name;
  project.write("migrations/" + stem + ".sql",
                unit_sql(create_table(table), "DROP TABLE " + table + ";"));
  return stem;
}

ProcessResult ForgeTest::forge_db(std::vector<std::string> args, const EnvChanges& env) const {
  args.push_back("--url");
  args.push_back(k_url);
  return project.forge(args, env);
}

}  // namespace forge::e2e
