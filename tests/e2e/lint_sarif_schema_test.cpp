// `forge lint --format sarif` validated against the SARIF 2.1.0 JSON schema (shipped by
// @microsoft/jest-sarif, checked with ajv; both installed by tests/lint/install-peers).
#include <filesystem>

#include "forge_test.hpp"
#include "lint_peers.hpp"

#ifndef FORGE_SQUAWK_CORPUS
#error "FORGE_SQUAWK_CORPUS must name tests/lint/squawk-corpus"
#endif
#ifndef FORGE_VALIDATE_SARIF
#error "FORGE_VALIDATE_SARIF must name tests/lint/validate-sarif.js"
#endif

namespace forge::e2e {
namespace {

namespace fs = std::filesystem;

class LintSarifSchema : public LintPeerTest {
 protected:
  // Lints every unit into lint.sarif, then validates it; returns the validator's result.
  ProcessResult lint_and_validate(const std::string& dialect) const {
    const ProcessResult lint =
        project.forge({"lint", "--all", "--dialect", dialect, "--format", "sarif"});
    EXPECT_LE(lint.exit_code, 1) << lint;
    project.write("lint.sarif", lint.out);
    ProcessSpec spec;
    spec.argv = {"/usr/bin/env", "node", FORGE_VALIDATE_SARIF, lint_peers().dir,
                 project.path("lint.sarif").string()};
    spec.cwd = project.path(".");
    return run_process(spec);
  }
};

TEST_F(LintSarifSchema, ALogWithFindingsOfEveryPostgresRuleIsValid) {
  fs::copy(FORGE_SQUAWK_CORPUS, project.path("migrations"), fs::copy_options::recursive);
  const ProcessResult validated = lint_and_validate("postgres");
  EXPECT_EQ(validated.exit_code, 0) << validated;
}

TEST_F(LintSarifSchema, ALogWithoutFindingsIsValid) {
  project.write("migrations/1_users.sql",
                unit_sql("CREATE TABLE users (id integer primary key);", "DROP TABLE users;"));
  const ProcessResult validated = lint_and_validate("sqlite");
  EXPECT_EQ(validated.exit_code, 0) << validated;
}

TEST_F(LintSarifSchema, MysqlFindingsMakeAValidLog) {
  project.write(
      "migrations/1_users.sql",
      unit_sql("ALTER TABLE t ADD COLUMN a INT AFTER b, CONVERT TO CHARACTER SET utf8mb4;",
               "ALTER TABLE t DROP a;"));
  const ProcessResult validated = lint_and_validate("mysql");
  EXPECT_EQ(validated.exit_code, 0) << validated;
}

}  // namespace
}  // namespace forge::e2e
