// The forge binary's server drivers: each a module loaded the first time a URL or a lint needs
// it, from beside the binary (the build tree) or from its installed place
// (<prefix>/bin/../FORGE_DRIVER_DIR). A weak definition: the test binaries link the drivers in
// (drivers_linked.cpp) and theirs is taken instead.

#include <dlfcn.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <mutex>
#include <string>

#include "core/errors.hpp"
#include "dialect/server_driver.hpp"

#ifndef FORGE_DRIVER_DIR
#define FORGE_DRIVER_DIR "lib/forge"
#endif

namespace forge::dialect {
namespace {

struct Module {
  core::Dialect dialect;
  const char* file;    // forge-postgres.so
  const char* entry;   // its entry point
  const char* client;  // the Debian package of its client library, for the hint
};

constexpr std::array<Module, 2> k_modules = {{
    {core::Dialect::postgres, "forge-postgres.so", "forge_postgres_driver", "libpq5 libpqxx-6.4"},
    {core::Dialect::mysql, "forge-mysql.so", "forge_mysql_driver", "libmysqlcppconn7v5"},
}};

std::array<std::atomic<const ServerDriver*>, k_modules.size()> g_loaded{};
std::mutex g_loading;

std::size_t index_of(core::Dialect dialect) {
  for (std::size_t i = 0; i < k_modules.size(); ++i) {
    if (k_modules[i].dialect == dialect) return i;
  }
  throw ConfigError("this forge has no driver for " + std::string(core::dialect_name(dialect)),
                    "Use a sqlite:, postgres: or mysql: URL.");
}

// The folder of the running binary, with a trailing slash; empty when /proc is not mounted.
std::string binary_folder() {
  std::string path(4096, '\0');
  const ssize_t length = ::readlink("/proc/self/exe", path.data(), path.size());
  if (length <= 0 || static_cast<std::size_t>(length) >= path.size()) return {};
  path.resize(static_cast<std::size_t>(length));
  return path.substr(0, path.rfind('/') + 1);
}

// The module's path: beside the binary (a build tree), else where the install put it.
std::string module_path(const Module& module) {
  const std::string folder = binary_folder();
  const std::string beside = folder + module.file;
  if (::access(beside.c_str(), F_OK) == 0) return beside;
  return folder + "../" FORGE_DRIVER_DIR "/" + module.file;
}

const ServerDriver* load(const Module& module) {
  const std::string path = module_path(module);
  // RTLD_NOW: a missing library or symbol is reported here, not at some later call.
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* reason = ::dlerror();
    throw ConfigError("cannot load forge's " + std::string(core::dialect_name(module.dialect)) +
                          " driver: " + (reason != nullptr ? reason : path),
                      std::string("Reinstall forge (its package puts ") + module.file +
                          " there and depends on " + module.client +
                          "); a library named above as missing comes with those packages.");
  }
  using Entry = const ServerDriver* (*)();
  auto entry = reinterpret_cast<Entry>(::dlsym(handle, module.entry));
  const ServerDriver* driver = entry != nullptr ? entry() : nullptr;
  if (driver == nullptr || driver->abi != k_server_driver_abi ||
      driver->size != sizeof(ServerDriver)) {
    throw ConfigError(path + " is not the " + std::string(core::dialect_name(module.dialect)) +
                          " driver of this forge build",
                      "Reinstall forge: the binary and its drivers come from one build.");
  }
  return driver;  // the module stays loaded for the life of the process
}

}  // namespace

__attribute__((weak)) const ServerDriver& server_driver(core::Dialect dialect) {
  const std::size_t index = index_of(dialect);
  if (const ServerDriver* driver = g_loaded[index].load(std::memory_order_acquire)) return *driver;
  const std::lock_guard<std::mutex> lock(g_loading);
  if (const ServerDriver* driver = g_loaded[index].load(std::memory_order_acquire)) return *driver;
  const ServerDriver* driver = load(k_modules[index]);
  g_loaded[index].store(driver, std::memory_order_release);
  return *driver;
}

__attribute__((weak)) const ServerDriver* loaded_server_driver(core::Dialect dialect) {
  for (std::size_t i = 0; i < k_modules.size(); ++i) {
    if (k_modules[i].dialect == dialect) return g_loaded[i].load(std::memory_order_acquire);
  }
  return nullptr;
}

}  // namespace forge::dialect
