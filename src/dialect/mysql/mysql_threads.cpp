#include "dialect/mysql/mysql_threads.hpp"

#include <cppconn/driver.h>

namespace forge::dialect::mysql {

void prepare_mysql_for_threads() { (void)get_driver_instance(); }

void begin_mysql_thread() { get_driver_instance()->threadInit(); }

void end_mysql_thread() { get_driver_instance()->threadEnd(); }

}  // namespace forge::dialect::mysql
