// migration:generate --from-schema: the declarative unit taking the schema the project's units
// make to a desired one (issue 14).
#include "cli/generate_from_schema.hpp"

#include <iostream>

#include "cli/output.hpp"
#include "cli/schema_source.hpp"
#include "core/errors.hpp"
#include "declarative/schema_plan.hpp"
#include "dialect/schema_io.hpp"

namespace forge::cli {

void generate_from_schema(const GlobalOptions& options, const GenerateRequest& request,
                          const GeneratorCommand& spec) {
  std::vector<declarative::SchemaRename> renames;
  for (const std::string& rename : request.renames) {
    renames.push_back(declarative::parse_rename(rename));
  }
  Target target = open_target(options, Session::reading);
  const core::DatabaseUrl server = scratch_server(target, request.dev_url);
  const core::Schema desired = schema_of(*request.from_schema, target, server);
  if (desired.dialect != target.url.dialect) {
    throw UsageError(
        *request.from_schema + " is a " + std::string(core::dialect_name(desired.dialect)) +
            " schema, and the target is " + std::string(core::dialect_name(target.url.dialect)),
        "Dump the desired schema from a database of the target's kind.");
  }
  const core::Schema current = replayed_schema(target.units(), target, server);
  const auto table_sql = [&desired](const core::SchemaTable& table) {
    return dialect::table_sql(desired, table);
  };
  const declarative::SchemaPlan plan =
      declarative::plan_schema_change(current, desired, renames, table_sql);
  if (plan.empty()) {
    for (const std::string& line : plan.unsupported) {
      std::cerr << "warning: not generated: " << line << "\n";
    }
    std::cerr << "nothing to do: the units already make the schema of " << *request.from_schema
              << "\n";
    return;
  }
  GenerateRequest yaml = request;
  yaml.format = UnitFormat::yaml;
  const std::string path =
      write_unit_text(target.settings.*spec.folder, yaml, spec.templates.kind, plan.yaml).string();
  print_line(path, false);
  for (const std::string& line : plan.destructive) {
    std::cerr << "warning: " << path << ": destructive: " << line << "\n";
  }
  for (const std::string& line : plan.unsupported) {
    std::cerr << "warning: " << path << ": not generated: " << line << "\n";
  }
}

}  // namespace forge::cli
