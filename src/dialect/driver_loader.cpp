// The forge binary's server drivers: each a module the binary carries as data
// (embedded_drivers.S) and loads, through an anonymous in-memory file, the first time a URL or a
// lint needs it; nothing is looked up on disk, so a forge copied alone still has them. A weak
// definition: the test binaries link the drivers in (drivers_linked.cpp) and theirs is taken
// instead.

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>

#include "core/errors.hpp"
#include "dialect/server_driver.hpp"

// The images (embedded_drivers.S); the forge binary defines them, the test binaries do not.
extern "C" {
extern const unsigned char forge_postgres_module[] __attribute__((weak));
extern const unsigned char forge_postgres_module_end[] __attribute__((weak));
extern const unsigned char forge_mysql_module[] __attribute__((weak));
extern const unsigned char forge_mysql_module_end[] __attribute__((weak));
extern const unsigned char forge_ldap_standin_module[] __attribute__((weak));
extern const unsigned char forge_ldap_standin_module_end[] __attribute__((weak));
}

namespace forge::dialect {
namespace {

struct Module {
  core::Dialect dialect;
  const char* file;   // forge-postgres.so
  const char* entry;  // its entry point
  const unsigned char* image;
  const unsigned char* image_end;
  const char* client;  // the Debian packages of its client libraries, for the hint
  // Loaded just before it, where the binary carries it: a module that takes the place of a
  // library the driver's client library needs but seldom uses.
  const struct Module* stand_in = nullptr;
};

// The stand-in for the libldap libpq needs (postgres/ldap_standin.c), where the build made one.
const Module k_ldap_standin = {core::Dialect::postgres,   "forge-ldap-standin.so",       nullptr,
                               forge_ldap_standin_module, forge_ldap_standin_module_end, "libpq5"};

const std::array<Module, 2> k_modules = {{
    {core::Dialect::postgres, "forge-postgres.so", "forge_postgres_driver", forge_postgres_module,
     forge_postgres_module_end, "libpq5, libpqxx-6.4 and libpg-query1504.0", &k_ldap_standin},
    {core::Dialect::mysql, "forge-mysql.so", "forge_mysql_driver", forge_mysql_module,
     forge_mysql_module_end, "libmysqlcppconn7v5"},
}};

std::array<std::atomic<const ServerDriver*>, 2> g_loaded{};
std::mutex g_loading;

std::size_t index_of(core::Dialect dialect) {
  for (std::size_t i = 0; i < k_modules.size(); ++i) {
    if (k_modules[i].dialect == dialect) return i;
  }
  throw ConfigError("this forge has no driver for " + std::string(core::dialect_name(dialect)),
                    "Use a sqlite:, postgres: or mysql: URL.");
}

std::string name_of(const Module& module) {
  return std::string(core::dialect_name(module.dialect));
}

// The descriptor of a file holding a module's image, closed when it goes; `path` opens it.
class ImageFile {
 public:
  ImageFile(int fd, std::string path) : m_fd(fd), m_path(std::move(path)) {}
  ~ImageFile() {
    if (m_fd >= 0) ::close(m_fd);
  }
  ImageFile(ImageFile&& other) noexcept : m_fd(other.m_fd), m_path(std::move(other.m_path)) {
    other.m_fd = -1;
  }
  ImageFile(const ImageFile&) = delete;
  ImageFile& operator=(const ImageFile&) = delete;
  ImageFile& operator=(ImageFile&&) = delete;
  const std::string& path() const { return m_path; }
  /// Leaves the descriptor open for the life of the process.
  void keep_open() { m_fd = -1; }

 private:
  int m_fd;
  std::string m_path;
};

std::size_t image_size(const Module& module) {
  return static_cast<std::size_t>(module.image_end - module.image);
}

bool write_all(int fd, const unsigned char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t written = ::write(fd, data, size);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    data += written;
    size -= static_cast<std::size_t>(written);
  }
  return true;
}

// The image in an anonymous in-memory file; nullopt where memfd_create is refused (a seccomp
// profile) or the image cannot be written.
std::optional<ImageFile> in_memory_file(const Module& module, int& error) {
  const int fd = ::memfd_create(module.file, MFD_CLOEXEC);
  if (fd < 0) {
    error = errno;
    return std::nullopt;
  }
  ImageFile file(fd, "/proc/self/fd/" + std::to_string(fd));
  if (!write_all(fd, module.image, image_size(module))) {
    error = errno;
    return std::nullopt;
  }
  return file;
}

// The image in a temporary file in TMPDIR (or /tmp), for the caller to remove once loaded.
ImageFile temporary_file(const Module& module, int memory_error) {
  const char* folder = std::getenv("TMPDIR");
  // Named by module: dlopen knows a loaded module by its path, so two must never share one.
  std::string path = std::string(folder != nullptr && *folder != '\0' ? folder : "/tmp") + "/" +
                     module.file + "-XXXXXX";
  const int fd = ::mkostemp(path.data(), O_CLOEXEC);
  if (fd < 0) {
    const int temporary_error = errno;
    throw ConfigError("cannot load forge's " + name_of(module) + " driver: no in-memory file (" +
                          std::strerror(memory_error) + ") and no temporary file in " + path +
                          " (" + std::strerror(temporary_error) + ")",
                      "Let forge create a file in TMPDIR, or set TMPDIR to a writable folder.");
  }
  ImageFile file(fd, path);
  if (!write_all(fd, module.image, image_size(module))) {
    ::unlink(path.c_str());
    throw ConfigError("cannot load forge's " + name_of(module) + " driver: cannot write " + path,
                      "Free some space in TMPDIR, or set TMPDIR to another folder.");
  }
  return file;
}

[[noreturn]] void refuse_unloadable(const Module& module, const std::string& reason) {
  throw ConfigError(
      "cannot load forge's " + name_of(module) + " driver (" + module.file + "): " + reason,
      std::string("Install its client libraries (Debian: ") + module.client +
          "); a library named above as missing comes with them.");
}

std::string last_dlerror() {
  const char* reason = ::dlerror();
  return reason != nullptr ? reason : "dlopen failed";
}

// dlopen of the image: from memory, or from a temporary file where there is no in-memory file or
// it cannot be opened by path (no /proc). RTLD_NOW: a missing library or symbol is reported here,
// not at some later call.
void* open_image(const Module& module) {
  int memory_error = 0;
  if (std::optional<ImageFile> memory = in_memory_file(module, memory_error)) {
    if (void* handle = ::dlopen(memory->path().c_str(), RTLD_NOW | RTLD_LOCAL)) {
      // The in-memory file stays open: dlopen knows a loaded module by its path, and a closed
      // descriptor's number (so "/proc/self/fd/N") would be the next module's.
      memory->keep_open();
      return handle;
    }
    const std::string reason = last_dlerror();
    // A library the module needs is missing: a temporary copy would fail the same way.
    if (reason.rfind(memory->path(), 0) != 0) refuse_unloadable(module, reason);
    memory_error = ENOENT;
  }
  const ImageFile file = temporary_file(module, memory_error);
  void* handle = ::dlopen(file.path().c_str(), RTLD_NOW | RTLD_LOCAL);
  ::unlink(file.path().c_str());
  if (handle == nullptr) refuse_unloadable(module, last_dlerror());
  return handle;
}

bool carried(const Module& module) {
  return module.image != nullptr && module.image_end > module.image;
}

// The module, its stand-in loaded first (PostgreSQL: libldap's, so that its twelve libraries
// are mapped only if libpq looks something up in LDAP). Should the stand-in keep the module from
// loading (a libpq that calls a function of libldap's it lacks), the module is loaded again
// without it.
void* open_module(const Module& module) {
  if (module.stand_in == nullptr || !carried(*module.stand_in)) return open_image(module);
  void* stand_in = nullptr;
  try {
    stand_in = open_image(*module.stand_in);
  } catch (const ConfigError&) {
    return open_image(module);
  }
  try {
    return open_image(module);
  } catch (const ConfigError&) {
    ::dlclose(stand_in);
    return open_image(module);
  }
}

const ServerDriver* load(const Module& module) {
  if (!carried(module)) {
    throw ConfigError("this forge was built without its " + name_of(module) + " driver",
                      "Build forge with its CMake project, which embeds the drivers.");
  }
  void* handle = open_module(module);
  using Entry = const ServerDriver* (*)();
  auto entry = reinterpret_cast<Entry>(::dlsym(handle, module.entry));
  const ServerDriver* driver = entry != nullptr ? entry() : nullptr;
  if (driver == nullptr || driver->abi != k_server_driver_abi ||
      driver->size != sizeof(ServerDriver)) {
    throw ConfigError(
        std::string(module.file) + " is not the " + name_of(module) + " driver of this forge build",
        "Rebuild forge: the binary carries its drivers.");
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
