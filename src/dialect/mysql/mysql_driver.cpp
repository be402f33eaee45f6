// The MySQL/MariaDB driver module's entry point: the adapter (Galera included), db:create and
// db:drop, and the client library's per-thread state, the parts of forge that need
// Connector/C++ and the MariaDB client library.

#include "dialect/mysql/mysql_connection.hpp"
#include "dialect/mysql/mysql_database.hpp"
#include "dialect/mysql/mysql_threads.hpp"
#include "dialect/server_driver.hpp"

namespace forge::dialect::mysql {
namespace {

constexpr ServerDriver k_driver = {
    k_server_driver_abi,
    sizeof(ServerDriver),
    &open_session<MysqlConnection>,
    &create_database,
    &drop_database,
    &prepare_mysql_for_threads,
    &begin_mysql_thread,
    &end_mysql_thread,
    nullptr,
    nullptr,
};

}  // namespace
}  // namespace forge::dialect::mysql

extern "C" const forge::dialect::ServerDriver* forge_mysql_driver() {
  return &forge::dialect::mysql::k_driver;
}
