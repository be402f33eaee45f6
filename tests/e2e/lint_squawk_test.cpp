// forge lint beside squawk (squawk-cli from npm, installed by tests/lint/install-peers) on the
// PostgreSQL corpus of tests/lint/squawk-corpus: every finding squawk makes in a rule family
// forge covers is made by forge too, at the same file and statement, except the deliberate
// divergences listed, with their reasons, in tests/lint/squawk-divergences.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "forge_test.hpp"
#include "lint_peers.hpp"
#include "squawk_comparison.hpp"

#ifndef FORGE_SQUAWK_CORPUS
#error "FORGE_SQUAWK_CORPUS must name tests/lint/squawk-corpus"
#endif

namespace forge::e2e {
namespace {

namespace fs = std::filesystem;
using squawk::Finding;
using squawk::Outcome;

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class LintComparedWithSquawk : public LintPeerTest {
 protected:
  void SetUp() override {
    LintPeerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    fs::copy(FORGE_SQUAWK_CORPUS, project.path("migrations"), fs::copy_options::recursive);
    for (const auto& entry : fs::directory_iterator(project.path("migrations"))) {
      if (entry.path().extension() == ".sql") files.push_back(entry.path().filename().string());
    }
    std::sort(files.begin(), files.end());
  }

  std::vector<Finding> squawk_findings() const {
    ProcessSpec spec;
    spec.argv = {(fs::path(lint_peers().dir) / "node_modules/.bin/squawk").string(), "--reporter",
                 "json"};
    spec.argv.insert(spec.argv.end(), files.begin(), files.end());
    spec.cwd = project.path("migrations");
    const ProcessResult result = run_process(spec);
    EXPECT_LE(result.exit_code, 1) << result;
    std::vector<Finding> findings;
    for (const auto& f : nlohmann::json::parse(result.out)) {
      // squawk's lines count from 0.
      findings.push_back({f["file"], f["line"].get<int>() + 1, f["rule_name"]});
    }
    return findings;
  }

  std::vector<Finding> forge_findings() const {
    const ProcessResult result =
        project.forge({"lint", "--all", "--dialect", "postgres", "--format", "json"});
    EXPECT_LE(result.exit_code, 1) << result;
    std::vector<Finding> findings;
    for (const auto& f : nlohmann::json::parse(result.out)) {
      const std::string file = f["file"];
      findings.push_back({fs::path(file).filename().string(), f["line"], f["code"]});
    }
    return findings;
  }

  // Does forge make a finding of the family at the statement squawk points into?
  bool forge_found(const Finding& peer, const std::vector<Finding>& forge) const {
    const auto lines = lines_of(read_text(project.path("migrations/" + peer.file)));
    const int start = squawk::statement_start(lines, peer.line);
    const auto& codes = squawk::forge_codes(peer.rule);
    return std::any_of(forge.begin(), forge.end(), [&](const Finding& f) {
      return f.file == peer.file && f.line >= start && f.line <= peer.line &&
             std::find(codes.begin(), codes.end(), f.rule) != codes.end();
    });
  }

  std::vector<std::string> files;
};

bool listed(const std::vector<squawk::Divergence>& divergences, const Finding& peer) {
  return std::any_of(divergences.begin(), divergences.end(), [&](const auto& d) {
    return d.file == peer.file && d.rule == peer.rule && d.line == peer.line;
  });
}

TEST_F(LintComparedWithSquawk, ForgeMakesEveryFindingSquawkMakesInTheFamiliesItCovers) {
  const auto divergences =
      squawk::parse_divergences(read_text(fs::path(FORGE_SQUAWK_CORPUS) / "../squawk-divergences"));
  const auto forge = forge_findings();
  squawk::Tally tally;
  std::vector<Finding> deliberate;
  for (const Finding& peer : squawk_findings()) {
    Outcome outcome = Outcome::not_covered;
    if (!squawk::forge_codes(peer.rule).empty()) {
      outcome = forge_found(peer, forge)    ? Outcome::matched
                : listed(divergences, peer) ? Outcome::deliberate
                                            : Outcome::missed;
    }
    ++tally[peer.rule][outcome];
    if (outcome == Outcome::missed) {
      ADD_FAILURE() << peer.file << ":" << peer.line << ": squawk's " << peer.rule
                    << " has no forge finding of its family there";
    }
    if (outcome == Outcome::deliberate) deliberate.push_back(peer);
  }
  std::cout << squawk::summary_table(tally);
  EXPECT_EQ(deliberate.size(), divergences.size())
      << "a divergence listed in tests/lint/squawk-divergences no longer happens: remove it";
  for (const std::string& rule : squawk::mapped_rules()) {
    if (rule == "adding-primary-key-constraint") continue;  // squawk 1.x's name
    EXPECT_GT(tally[rule][Outcome::matched], 0) << "the corpus never exercises " << rule;
  }
}

}  // namespace
}  // namespace forge::e2e
