#include "util/libcrypto.hpp"

#include <dlfcn.h>

#include <stdexcept>
#include <string>

#ifndef FORGE_LIBCRYPTO_SONAME
#define FORGE_LIBCRYPTO_SONAME "libcrypto.so.3"
#endif

namespace forge::util {

namespace {

// Binding libcrypto's ~4,000 symbols at start-up cost a status or a no-op migrate a quarter of
// its time; loaded on first use, it stays for the life of the process.
void* load_libcrypto() {
  void* library = ::dlopen(FORGE_LIBCRYPTO_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    const char* reason = ::dlerror();
    throw std::runtime_error(std::string("forge needs OpenSSL 3's libcrypto: ") +
                             (reason != nullptr ? reason : FORGE_LIBCRYPTO_SONAME) +
                             "; install it (Debian: libssl3)");
  }
  return library;
}

}  // namespace

void* libcrypto_function(const char* name) {
  static void* const library = load_libcrypto();  // thread-safe; a failure is retried next call
  // A handle is searched from libcrypto itself: its own definition, never an interposed one.
  void* function = ::dlsym(library, name);
  if (function == nullptr) {
    throw std::runtime_error(std::string(FORGE_LIBCRYPTO_SONAME) + " has no " + name +
                             "; reinstall OpenSSL 3's libcrypto (Debian: libssl3)");
  }
  return function;
}

}  // namespace forge::util
