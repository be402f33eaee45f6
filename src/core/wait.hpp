#pragma once
#include "core/adapter.hpp"

#include <chrono>
#include <functional>
#include <memory>

namespace forge::core {

/// Opens a connection.
using Connector = std::function<std::unique_ptr<Connection>()>;
/// Sleeps for a while (a parameter so tests need not wait).
using Sleeper = std::function<void(std::chrono::milliseconds)>;

/// Calls `connect` until it succeeds, retrying on ConnectionError with a growing pause
/// (0.2 s doubling up to 2 s) for as long as `patience` lasts; with no patience it tries once.
/// Rethrows the last ConnectionError when time is up; other errors pass through at once.
std::unique_ptr<Connection> connect_with_retry(const Connector& connect,
                                               std::chrono::milliseconds patience,
                                               const Sleeper& sleep);

/// The real sleeper.
void sleep_for(std::chrono::milliseconds pause);

}  // namespace forge::core
