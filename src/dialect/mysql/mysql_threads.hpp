#pragma once

namespace forge::dialect::mysql {

/// Initializes the client library (through the connector's driver) on the calling thread:
/// its first use is not thread-safe, so it must happen before threads open sessions.
void prepare_mysql_for_threads();

/// Gives the calling thread the client library's per-thread state; end_mysql_thread releases
/// it (each thread that opens sessions needs its own).
void begin_mysql_thread();
void end_mysql_thread();

}  // namespace forge::dialect::mysql
