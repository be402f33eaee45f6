#pragma once

namespace forge::util {

enum class Verbosity { quiet, normal, verbose };

/// Sends every diagnostic to stderr through one spdlog logger whose text passes `redact`.
/// Colour only when stderr is a terminal and NO_COLOR is unset.
void setup_logging(Verbosity verbosity);

}  // namespace forge::util
