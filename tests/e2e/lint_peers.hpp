#pragma once
#include <string>

#include "forge_test.hpp"

namespace forge::e2e {

/// The npm peers of the lint tests (squawk, the SARIF schema and its validator), installed by
/// tests/lint/install-peers once per test binary.
struct LintPeers {
  std::string dir;      ///< the folder holding node_modules; empty when they could not be had
  std::string problem;  ///< why `dir` is empty
};

/// Installs the peers on first use (minutes the first time on a machine, then a check).
const LintPeers& lint_peers();

/// True when a missing peer must fail the test rather than skip it (CI sets
/// FORGE_TEST_SERVERS_REQUIRED, as for the servers and sequelize-cli).
bool peers_required();

/// A test that needs the peers: fails when they are missing and required, else skips.
class LintPeerTest : public ForgeTest {
 protected:
  void SetUp() override {
    if (lint_peers().dir.empty()) {
      if (peers_required()) FAIL() << lint_peers().problem;
      GTEST_SKIP() << lint_peers().problem;
    }
  }
};

}  // namespace forge::e2e
