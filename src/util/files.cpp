#include "util/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>

#include "util/unique_fd.hpp"

namespace forge::util {

namespace {

[[noreturn]] void cannot_read(const std::filesystem::path& path, const std::string& why) {
  throw std::runtime_error("cannot read " + path.string() + ": " + why);
}

std::string too_large(std::size_t max_bytes) {
  return "it holds more than " + std::to_string(max_bytes >> 20) + " MiB";
}

// Reads what `fd` has left into `content`, refusing more than `max_bytes` in all.
void read_all(int fd, const std::filesystem::path& path, std::size_t max_bytes,
              std::string& content) {
  char chunk[65536];
  for (;;) {
    const ssize_t got = ::read(fd, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) cannot_read(path, std::strerror(errno));
    if (got == 0) return;
    if (content.size() + static_cast<std::size_t>(got) > max_bytes) {
      cannot_read(path, too_large(max_bytes));
    }
    content.append(chunk, static_cast<std::size_t>(got));
  }
}

}  // namespace

// One open, one fstat and the reads: a folder of 10,000 units costs no more syscalls than
// that per file (issue 16).
std::string read_file(const std::filesystem::path& path, std::size_t max_bytes) {
  return *read_file_below(path, std::numeric_limits<std::size_t>::max(), max_bytes);
}

std::optional<std::string> read_file_below(const std::filesystem::path& path, std::size_t map_from,
                                           std::size_t max_bytes) {
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) cannot_read(path, std::strerror(errno));
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) cannot_read(path, std::strerror(errno));
  if (S_ISDIR(info.st_mode)) cannot_read(path, "it is a folder, not a file");
  std::string content;
  if (S_ISREG(info.st_mode)) {  // its size is known: read straight into the string
    const auto size = static_cast<std::size_t>(info.st_size);
    if (size >= map_from) return std::nullopt;
    if (size > max_bytes) cannot_read(path, too_large(max_bytes));
    content.resize(size);
    std::size_t have = 0;
    while (have < size) {
      const ssize_t got = ::read(fd.get(), content.data() + have, size - have);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) cannot_read(path, std::strerror(errno));
      if (got == 0) break;  // shrank while read
      have += static_cast<std::size_t>(got);
    }
    content.resize(have);
    if (size > 0 && have == size) return content;  // as large as stat said: no read for EOF
  }
  read_all(fd.get(), path, max_bytes, content);  // what grew meanwhile, or a pipe's bytes
  return content;
}

namespace {

// A temporary file beside `path` that no other writer uses (its descriptor; -1 with errno set):
// two processes, or two threads of a fleet run, replacing one file at once must not write into
// each other's temporary file.
int create_temporary_beside(const std::filesystem::path& path, std::filesystem::path& name) {
  static std::atomic<unsigned> counter{0};
  for (int attempt = 0; attempt < 100; ++attempt) {
    name = path;
    name += ".forge-tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  errno = EEXIST;
  return -1;
}

void write_all(int fd, const std::string& content, const std::filesystem::path& path) {
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(errno));
    data += n;
    left -= static_cast<std::size_t>(n);
  }
}

}  // namespace

void replace_file(const std::filesystem::path& path, const std::string& content) {
  std::filesystem::path temporary;
  UniqueFd fd(create_temporary_beside(path, temporary));
  if (fd.get() < 0) {
    throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(errno));
  }
  try {
    write_all(fd.get(), content, path);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw;
  }
  fd.reset();
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    throw std::runtime_error("cannot write " + path.string() + ": " + error.message());
  }
}

bool write_new_file(const std::filesystem::path& path, const std::string& content) {
  // O_EXCL makes "refuse to overwrite" atomic, even against a concurrent writer.
  const UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (fd.get() < 0 && errno == EEXIST) return false;
  if (fd.get() < 0) {
    throw std::runtime_error("cannot create " + path.string() + ": " + std::strerror(errno));
  }
  write_all(fd.get(), content, path);
  return true;
}

}  // namespace forge::util
