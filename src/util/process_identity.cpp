#include "util/process_identity.hpp"

#include <unistd.h>

#include <climits>

namespace forge::util {

std::string this_process() {
  char host[HOST_NAME_MAX + 1] = {};
  if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return "pid " + std::to_string(::getpid()) + (host[0] != '\0' ? " on " + std::string(host) : "");
}

}  // namespace forge::util
