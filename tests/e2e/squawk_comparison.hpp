#pragma once
#include <map>
#include <string>
#include <vector>

/// forge lint's findings beside squawk's on the same PostgreSQL files: which forge codes answer
/// which squawk rule, where a statement starts, and the tally printed as a table.
namespace forge::e2e::squawk {

/// One finding of either tool: the file's name (no folder), a 1-based line, and the rule.
struct Finding {
  std::string file;
  int line = 0;
  std::string rule;  ///< squawk's rule name, or forge's code
};

/// A squawk finding forge does not make on purpose, with the reason
/// (tests/lint/squawk-divergences).
struct Divergence {
  std::string file;
  std::string rule;
  int line = 0;
  std::string reason;
};

/// forge's codes in the family of squawk's `rule` (README's table); empty when forge has none.
const std::vector<std::string>& forge_codes(const std::string& rule);

/// Every squawk rule forge answers.
std::vector<std::string> mapped_rules();

/// The 1-based line where the statement holding `line` starts: the last line at or before it
/// that is not blank, not a `--` comment and not indented (the corpus indents continuations).
int statement_start(const std::vector<std::string>& lines, int line);

/// Reads `file rule line reason...` lines; `#` starts a comment line.
std::vector<Divergence> parse_divergences(const std::string& text);

/// What became of each squawk finding.
enum class Outcome { matched, deliberate, missed, not_covered };

/// Per squawk rule, how many of its findings had each outcome.
using Tally = std::map<std::string, std::map<Outcome, int>>;

/// The tally as a table, one row per squawk rule.
std::string summary_table(const Tally& tally);

}  // namespace forge::e2e::squawk
