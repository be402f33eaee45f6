#pragma once
#include <gtest/gtest.h>

#include <cstddef>
#include <vector>

#include "core/runner.hpp"
#include "support/fake_session.hpp"

namespace forge::testing {

/// Whether migrate() and undo() run the units or only preview them.
enum class RunMode { run, preview };

/// A fake connection and a fake reporter writing one shared log, default run settings, and the
/// runner's entry points bound to them.
class RunnerFixture : public ::testing::Test {
 protected:
  /// With `log_statements`, the reporter logs each statement too (see FakeReporter).
  explicit RunnerFixture(RunMode mode = RunMode::run, bool log_statements = false)
      : m_reporter(m_log, log_statements), m_mode(mode) {}

  /// run_migrate, or preview_migrate in RunMode::preview.
  std::size_t migrate(const std::vector<core::Unit>& units, core::MigrateRequest request = {}) {
    const auto call = m_mode == RunMode::run ? core::run_migrate : core::preview_migrate;
    return call(m_connection, units, request, m_reporter, m_settings);
  }
  /// run_undo, or preview_undo in RunMode::preview.
  std::size_t undo(const std::vector<core::Unit>& units, core::UndoRequest request = {}) {
    const auto call = m_mode == RunMode::run ? core::run_undo : core::preview_undo;
    return call(m_connection, units, request, m_reporter, m_settings);
  }

  Log m_log;
  FakeConnection m_connection{m_log};
  FakeReporter m_reporter;
  core::RunSettings m_settings;

 private:
  RunMode m_mode;
};

}  // namespace forge::testing
