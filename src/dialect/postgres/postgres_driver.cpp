// The PostgreSQL driver module's entry point: the adapter, db:create/db:drop and lint's parser,
// the parts of forge that need libpqxx, libpq and libpg_query.

#include "dialect/postgres/libpq_openssl.hpp"
#include "dialect/postgres/postgres_connection.hpp"
#include "dialect/postgres/postgres_database.hpp"
#include "dialect/postgres/postgres_lint.hpp"
#include "dialect/server_driver.hpp"

namespace forge::dialect::postgres {
namespace {

constexpr ServerDriver k_driver = {
    k_server_driver_abi,
    sizeof(ServerDriver),
    &open_session<PostgresConnection>,
    &create_database,
    &drop_database,
    nullptr,
    nullptr,
    nullptr,
    &parse_for_lint,
    &warm_up_openssl,
};

}  // namespace
}  // namespace forge::dialect::postgres

extern "C" const forge::dialect::ServerDriver* forge_postgres_driver() {
  return &forge::dialect::postgres::k_driver;
}
