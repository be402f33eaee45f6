#include "util/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "util/unique_fd.hpp"

namespace forge::util {

namespace {

std::runtime_error failure(const std::string& path, const char* what) {
  return std::runtime_error("cannot " + std::string(what) + " " + path + ": " +
                            std::strerror(errno));
}

std::size_t page_size() {
  static const auto size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  return size;
}

}  // namespace

MappedFile::MappedFile(const std::string& path) {
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) throw failure(path, "open");
  struct stat status {};
  if (::fstat(fd.get(), &status) != 0) throw failure(path, "read");
  m_size = static_cast<std::size_t>(status.st_size);
  if (m_size == 0) return;
  m_data = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, fd.get(), 0);
  if (m_data == MAP_FAILED) {
    m_data = nullptr;
    throw failure(path, "map");
  }
  ::madvise(m_data, m_size, MADV_SEQUENTIAL);  // read ahead; a hint only
}

MappedFile::~MappedFile() {
  if (m_data != nullptr) ::munmap(m_data, m_size);
}

void MappedFile::release(std::size_t begin, std::size_t end) const noexcept {
  if (m_data == nullptr) return;
  const std::size_t page = page_size();
  const std::size_t first = (begin + page - 1) / page * page;
  const std::size_t last = std::min(end, m_size) / page * page;
  if (last <= first) return;
  ::madvise(static_cast<char*>(m_data) + first, last - first, MADV_DONTNEED);
}

}  // namespace forge::util
