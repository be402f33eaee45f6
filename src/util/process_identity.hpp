#pragma once
#include <string>

namespace forge::util {

/// "pid 1234 on web-1": this process, as a person looking for it would name it.
std::string this_process();

}  // namespace forge::util
