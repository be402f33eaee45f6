#pragma once
#include "core/adapter.hpp"
#include "core/url.hpp"

#include <memory>

namespace forge::dialect {

/// Opens a session with the adapter for `url`'s dialect. Throws ConnectionError when the
/// database cannot be reached or opened, ConfigError when this build has no such adapter.
std::unique_ptr<core::Connection> connect(const core::DatabaseUrl& url);

}  // namespace forge::dialect
