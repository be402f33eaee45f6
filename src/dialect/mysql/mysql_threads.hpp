#pragma once

namespace forge::dialect::mysql {

/// Initializes the client library (through the connector's driver) on the calling thread:
/// its first use is not thread-safe, so it must happen before threads open sessions.
void prepare_mysql_for_threads();

/// While alive, the calling thread has the client library's per-thread state, released when
/// it goes away (each thread that opens sessions needs its own).
class MysqlThread {
 public:
  MysqlThread();
  ~MysqlThread();
  MysqlThread(const MysqlThread&) = delete;
  MysqlThread& operator=(const MysqlThread&) = delete;
};

}  // namespace forge::dialect::mysql
