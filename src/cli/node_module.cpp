#include "cli/node_module.hpp"

#include <cstdlib>

#include "core/errors.hpp"
#include "util/strings.hpp"
#include "util/subprocess.hpp"

namespace forge::cli {

namespace {

// argv[1]: the file; argv[2]: its folder. A module that exports nothing prints null.
constexpr const char* k_script =
    "process.chdir(process.argv[2]);"
    "const exported = require(process.argv[1]);"
    "process.stdout.write(JSON.stringify(exported === undefined ? null : exported));";

// A config file runs in well under a second; this bounds one that never ends.
constexpr std::chrono::seconds k_limit{30};

// The first lines of Node's complaint: where in the file and what.
std::string first_lines(const std::string& text) {
  std::vector<std::string> lines;
  for (const auto& line : util::split(text, '\n')) {
    if (!util::trim(line).empty()) lines.push_back(std::string(util::trim(line)));
    if (lines.size() == 5) break;
  }
  return util::join(lines, " | ");
}

}  // namespace

core::EvaluateModule node_evaluator() {
  return [](const std::filesystem::path& file) -> std::optional<std::string> {
    const char* named = std::getenv("FORGE_NODE");
    const std::string node = named != nullptr && *named != '\0' ? named : "node";
    const auto absolute = std::filesystem::absolute(file);
    const auto result = util::run_process(
        {node, "-e", k_script, absolute.string(), absolute.parent_path().string()}, k_limit);
    if (result.not_found) return std::nullopt;
    if (result.timed_out || result.exit_code != 0) {
      throw ConfigError(file.string() + ": Node could not run it" +
                            (result.timed_out ? " within 30 s" : ": " + first_lines(result.err)),
                        "Fix the file so that `node -e \"require('./" + file.filename().string() +
                            "')\"` runs in its folder.");
    }
    return result.out;
  };
}

}  // namespace forge::cli
