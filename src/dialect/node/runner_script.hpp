#pragma once

namespace forge::dialect {

/// The text of migration_runner.js, built into forge so that every copy of the binary carries
/// the runner that matches it (generated from the .js file by CMake).
extern const char* const k_migration_runner_js;

}  // namespace forge::dialect
