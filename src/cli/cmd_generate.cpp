#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "core/errors.hpp"
#include "core/unit_file_name.hpp"
#include "core/version.hpp"
#include "util/files.hpp"
#include "util/utc_clock.hpp"

#include <CLI/CLI.hpp>

#include <cctype>
#include <filesystem>

namespace forge::cli {

namespace {

namespace fs = std::filesystem;

const char* k_unit_template =
    "-- forge:up\n"
    "\n"
    "\n"
    "-- forge:down\n"
    "\n";

void check_name(const std::string& name) {
  bool bad = name.empty() || name == "." || name == "..";
  for (unsigned char c : name) {
    if (c == '/' || c == '\\' || std::isspace(c) || std::iscntrl(c)) bad = true;
  }
  if (bad) {
    throw UsageError("invalid migration name '" + name + "'",
                     "Use a name without spaces or path separators, e.g. add-discount-code.");
  }
}

// The newest version among the folder's units, so a new unit always sorts after them.
std::string newest_version(const fs::path& folder) {
  std::string newest;
  for (const auto& entry : fs::directory_iterator(folder)) {
    auto parsed = core::parse_unit_file_name(entry.path().filename().string());
    if (parsed && (newest.empty() || core::compare_versions(parsed->version, newest) > 0)) {
      newest = parsed->version;
    }
  }
  return newest;
}

// Adds one to a digit string of any length.
std::string next_version(std::string version) {
  for (auto i = version.size(); i-- > 0;) {
    if (version[i] != '9') {
      ++version[i];
      return version;
    }
    version[i] = '0';
  }
  return "1" + version;
}

void run_generate(const GlobalOptions& options, const std::string& name) {
  check_name(name);
  const core::Settings settings = load_settings(options);
  const fs::path folder = settings.migrations_dir;
  std::error_code error;
  fs::create_directories(folder, error);
  if (!fs::is_directory(folder)) {
    throw ConfigError("cannot create the migrations folder " + folder.string(), error.message());
  }
  std::string version = util::version_stamp(std::chrono::system_clock::now());
  const std::string newest = newest_version(folder);
  // Two units made within one second (or a clock behind the newest unit) still get distinct,
  // ordered versions.
  if (!newest.empty() && core::compare_versions(version, newest) <= 0) version = next_version(newest);
  const fs::path path = folder / (version + "-" + name + ".sql");
  if (!util::write_new_file(path, k_unit_template)) {
    throw UsageError(path.string() + " already exists", "Pick another name.");
  }
  print_line(path.string(), false);  // the path alone, so scripts can use it
}

}  // namespace

void add_generate_command(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand("migration-generate",
                                     "Write a new timestamped migration unit and print its path");
  command->name("migration:generate");
  command->alias("migration:create");
  auto name = std::make_shared<std::string>();
  command->add_option("--name", *name, "What the unit does, e.g. add-discount-code")->required();
  command->callback([&, name] { chosen = [&, name] { run_generate(options, *name); }; });
}

}  // namespace forge::cli
