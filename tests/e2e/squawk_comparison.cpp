#include "squawk_comparison.hpp"

#include <sstream>

namespace forge::e2e::squawk {

namespace {

// squawk 2.x's rule names beside forge's codes, as in README's rule table.
const std::map<std::string, std::vector<std::string>>& mapping() {
  static const std::map<std::string, std::vector<std::string>> k_mapping = {
      {"ban-drop-table", {"FORGE-D001"}},
      {"ban-drop-column", {"FORGE-D002"}},
      {"ban-drop-database", {"FORGE-D003"}},
      {"ban-truncate-cascade", {"FORGE-D004"}},
      {"disallowed-unique-constraint", {"FORGE-D005", "FORGE-PG005"}},
      {"adding-not-nullable-field", {"FORGE-D006"}},
      {"adding-required-field", {"FORGE-D007"}},
      {"changing-column-type", {"FORGE-PG006", "FORGE-D008"}},
      {"renaming-table", {"FORGE-D009"}},
      {"renaming-column", {"FORGE-D010"}},
      {"ban-drop-not-null", {"FORGE-D011"}},
      {"require-concurrent-index-creation", {"FORGE-PG001"}},
      {"ban-concurrent-index-creation-in-transaction", {"FORGE-PG002"}},
      {"adding-foreign-key-constraint", {"FORGE-PG003"}},
      // squawk also says it of FOREIGN KEY, UNIQUE and PRIMARY KEY constraints.
      {"constraint-missing-not-valid", {"FORGE-PG004", "FORGE-PG003", "FORGE-PG005"}},
      {"adding-primary-key-constraint", {"FORGE-PG005"}},
      {"adding-serial-primary-key-field", {"FORGE-PG005"}},
      {"adding-field-with-default", {"FORGE-PG007"}},
      {"require-lock-timeout", {"FORGE-PG008"}},
      {"require-concurrent-index-deletion", {"FORGE-PG010"}},
  };
  return k_mapping;
}

bool starts_statement(const std::string& line) {
  if (line.empty() || line[0] == ' ' || line[0] == '\t') return false;
  return line.rfind("--", 0) != 0;
}

std::string padded(const std::string& text, std::size_t width) {
  return text + std::string(text.size() < width ? width - text.size() : 1, ' ');
}

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::matched:
      return "matched";
    case Outcome::deliberate:
      return "deliberate";
    case Outcome::missed:
      return "MISSED";
    case Outcome::not_covered:
      return "not covered";
  }
  return "";
}

}  // namespace

const std::vector<std::string>& forge_codes(const std::string& rule) {
  static const std::vector<std::string> k_none;
  const auto found = mapping().find(rule);
  return found == mapping().end() ? k_none : found->second;
}

std::vector<std::string> mapped_rules() {
  std::vector<std::string> rules;
  for (const auto& [rule, codes] : mapping()) rules.push_back(rule);
  return rules;
}

int statement_start(const std::vector<std::string>& lines, int line) {
  for (int at = line; at >= 1; --at) {
    if (at <= static_cast<int>(lines.size()) && starts_statement(lines[at - 1])) return at;
  }
  return line;
}

std::vector<Divergence> parse_divergences(const std::string& text) {
  std::vector<Divergence> divergences;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    Divergence divergence;
    fields >> divergence.file >> divergence.rule >> divergence.line >> std::ws;
    std::getline(fields, divergence.reason);
    divergences.push_back(divergence);
  }
  return divergences;
}

std::string summary_table(const Tally& tally) {
  std::ostringstream out;
  out << padded("squawk rule", 46) << padded("findings", 10) << padded("forge code(s)", 25)
      << "outcome\n";
  for (const auto& [rule, outcomes] : tally) {
    int total = 0;
    std::string how;
    for (const auto& [outcome, count] : outcomes) {
      total += count;
      how += std::string(how.empty() ? "" : ", ") + std::to_string(count) + " " +
             outcome_name(outcome);
    }
    std::string codes;
    for (const std::string& code : forge_codes(rule)) codes += (codes.empty() ? "" : ",") + code;
    out << padded(rule, 46) << padded(std::to_string(total), 10)
        << padded(codes.empty() ? "-" : codes, 25) << how << "\n";
  }
  return out.str();
}

}  // namespace forge::e2e::squawk
