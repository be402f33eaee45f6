#pragma once
#include "core/adapter.hpp"
#include "core/url.hpp"

#include "declarative/renderer.hpp"

#include <memory>

namespace forge::dialect {

/// Opens a session with the adapter for `url`'s dialect. Throws ConnectionError when the
/// database cannot be reached or opened, ConfigError when this build has no such adapter.
std::unique_ptr<core::Connection> connect(const core::DatabaseUrl& url);

/// A throwaway copy of the database where --dry-run can run units for real (SQLite: in
/// memory); nullptr when the dialect has none, and a dry run only lists the statements.
std::unique_ptr<core::Connection> connect_rehearsal(const core::DatabaseUrl& url);

/// The declarative SQL renderer for `dialect`; SQLite's writes its table rebuilds as late SQL.
std::unique_ptr<declarative::SqlRenderer> renderer_for(core::Dialect dialect);

}  // namespace forge::dialect
