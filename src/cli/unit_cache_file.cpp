#include "cli/unit_cache_file.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <system_error>

#include "util/fnv_hash.hpp"

namespace forge::cli {

namespace {
std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

std::optional<std::filesystem::path> cache_root() {
  if (const std::string named = environment("FORGE_CACHE_DIR"); !named.empty()) return named;
  if (const std::string xdg = environment("XDG_CACHE_HOME"); !xdg.empty()) {
    return std::filesystem::path(xdg) / "forge";
  }
  if (const std::string home = environment("HOME"); !home.empty()) {
    return std::filesystem::path(home) / ".cache" / "forge";
  }
  return std::nullopt;
}
}  // namespace

std::optional<std::filesystem::path> unit_cache_path(const std::filesystem::path& folder,
                                                     core::Dialect dialect) {
  const std::string off = environment("FORGE_NO_CACHE");
  if (!off.empty() && off != "0") return std::nullopt;
  const auto root = cache_root();
  if (!root) return std::nullopt;
  std::error_code error;
  const std::filesystem::path absolute = std::filesystem::canonical(folder, error);
  if (error) return std::nullopt;
  // One file per folder and dialect (the dialect decides how a file is split), named by a
  // digest so any path fits a file name. Not SHA-256: its first use starts OpenSSL's machinery,
  // ~1.5 ms that a status reading no unit file would spend on this alone. Two folders whose
  // digests agreed would share one file whose entries match no file of the other folder (each
  // is keyed by its file's device and inode): slower, never wrong.
  const std::string key = absolute.string() + '\n' + std::string(core::dialect_name(dialect));
  const std::uint64_t first = util::fnv1a_64(key);
  const std::uint64_t second = util::fnv1a_64(key, first ^ 0x9e3779b97f4a7c15ULL);
  char digest[33];
  std::snprintf(digest, sizeof digest, "%016llx%016llx", static_cast<unsigned long long>(first),
                static_cast<unsigned long long>(second));
  return *root / ("units-" + std::string(digest));
}

namespace {
// Only forge's own cache files, `units-` and 32 hex digits (with a writer's leftover temporary
// suffix): FORGE_CACHE_DIR may name a folder that holds other files too.
bool is_unit_cache_name(const std::string& name) {
  constexpr std::size_t k_digits = 32;
  const std::string prefix = "units-";
  if (name.size() < prefix.size() + k_digits || name.compare(0, prefix.size(), prefix) != 0) {
    return false;
  }
  for (std::size_t i = prefix.size(); i < prefix.size() + k_digits; ++i) {
    const char c = name[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  const std::string rest = name.substr(prefix.size() + k_digits);
  return rest.empty() || rest.compare(0, 11, ".forge-tmp-") == 0;
}
}  // namespace

void prune_unit_caches(const std::filesystem::path& cache_file) noexcept {
  namespace fs = std::filesystem;
  std::error_code error;
  const auto stale_before = fs::file_time_type::clock::now() - std::chrono::hours(24 * 30);
  for (fs::directory_iterator it(cache_file.parent_path(), error), end; !error && it != end;
       it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (!is_unit_cache_name(name) || !it->is_regular_file(error)) continue;
    const auto written = fs::last_write_time(it->path(), error);
    if (!error && written < stale_before) fs::remove(it->path(), error);
    error.clear();
  }
}

}  // namespace forge::cli
