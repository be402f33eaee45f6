#include "cli/schema_file.hpp"

#include <exception>

#include "core/history_store.hpp"
#include "core/schema_yaml.hpp"
#include "dialect/schema_io.hpp"
#include "util/files.hpp"
#include "util/logging.hpp"
#include "util/strings.hpp"

namespace forge::cli {

std::vector<std::string> history_tables(const Target& target) {
  std::vector<std::string> tables;
  for (const std::string& table :
       {target.run.history_table, target.settings.meta_table, target.settings.seed_table,
        std::string("ForgeMeta"), std::string("ForgeSeeds"), std::string("SequelizeMeta"),
        std::string("SequelizeData")}) {
    tables.push_back(table);
    tables.push_back(core::progress_table_of(table));
  }
  return tables;
}

std::string schema_text(const Target& target, const std::string& format) {
  const core::Schema schema = dialect::read_schema(*target.connection, history_tables(target));
  return format == "yaml" ? core::schema_yaml(schema) : dialect::schema_sql(schema);
}

void refresh_schema_file(const Target& target) {
  const std::string& file = target.settings.schema_file;
  if (file.empty()) return;
  const bool yaml = util::ends_with(file, ".yaml") || util::ends_with(file, ".yml");
  // The run itself succeeded and is recorded: a dump that fails is said, not made its failure.
  try {
    util::replace_file(file, schema_text(target, yaml ? "yaml" : "sql"));
    util::log_info("wrote the schema to {}", file);
  } catch (const std::exception& error) {
    util::log_warn("the schema file {} was not updated: {}; run 'forge db:schema:dump --out {}'",
                   file, error.what(), file);
  }
}

}  // namespace forge::cli
