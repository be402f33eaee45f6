#include "util/standard_streams.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <iostream>

namespace forge::util {

void open_standard_streams() noexcept {
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) != -1) continue;
    // open() returns the lowest free descriptor: this one, as every lower one is open.
    const int opened = ::open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
    if (opened != fd && opened != -1) ::close(opened);
  }
  std::signal(SIGPIPE, SIG_IGN);
}

bool standard_output_written() noexcept {
  std::cout.flush();
  const bool stream_ok = !std::cout.fail();
  return std::fflush(stdout) == 0 && stream_ok && std::ferror(stdout) == 0;
}

}  // namespace forge::util
