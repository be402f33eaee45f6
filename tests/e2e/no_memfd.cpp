// Preloaded into forge by the DriverModules tests (LD_PRELOAD): memfd_create is refused, as a
// seccomp profile may refuse it, so forge must fall back to a temporary file.
#include <cerrno>

extern "C" int memfd_create(const char*, unsigned int) {
  errno = ENOSYS;
  return -1;
}
