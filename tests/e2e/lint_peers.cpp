#include "lint_peers.hpp"

#include <cstdlib>
#include <filesystem>

#include "process.hpp"

#ifndef FORGE_LINT_INSTALL_PEERS
#error "FORGE_LINT_INSTALL_PEERS must name tests/lint/install-peers"
#endif

namespace forge::e2e {

namespace {

LintPeers install() {
  ProcessSpec spec;
  spec.argv = {FORGE_LINT_INSTALL_PEERS};
  spec.cwd = std::filesystem::temp_directory_path();
  spec.timeout = std::chrono::minutes(10);  // the first install downloads squawk's binary
  const ProcessResult installed = run_process(spec);
  if (installed.exit_code != 0) return {"", "tests/lint/install-peers failed: " + installed.err};
  return {installed.out.substr(0, installed.out.find('\n')), ""};
}

}  // namespace

const LintPeers& lint_peers() {
  static const LintPeers k_peers = install();
  return k_peers;
}

bool peers_required() { return std::getenv("FORGE_TEST_SERVERS_REQUIRED") != nullptr; }

}  // namespace forge::e2e
