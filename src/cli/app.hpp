#pragma once

namespace forge::cli {

/// Runs forge with the process's arguments; returns the exit status (README, "Exit codes").
int run(int argc, char** argv);

}  // namespace forge::cli
