#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace forge::util {

/// A file mapped read-only into memory, unmapped when it goes out of scope. A large unit is
/// read through its mapping so that forge never holds its text: the pages a pass has gone
/// through are given back (SequentialPass), and are read again from the page cache if needed.
class MappedFile {
 public:
  /// Throws std::runtime_error saying why the file cannot be opened or mapped.
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view view() const noexcept { return {static_cast<const char*>(m_data), m_size}; }
  /// Gives back the whole pages inside [begin, end) of the view.
  void release(std::size_t begin, std::size_t end) const noexcept;

 private:
  void* m_data = nullptr;
  std::size_t m_size = 0;
};

/// One front-to-back pass over a MappedFile that gives back the pages behind it as it goes,
/// so the pass holds a bounded number of them whatever the size of the file.
class SequentialPass {
 public:
  explicit SequentialPass(const MappedFile& file, std::size_t start = 0)
      : m_file(file), m_released(start) {}
  ~SequentialPass() { m_file.release(m_released, m_file.view().size()); }
  SequentialPass(const SequentialPass&) = delete;
  SequentialPass& operator=(const SequentialPass&) = delete;

  /// The pass no longer needs what lies before `offset`.
  void passed(std::size_t offset) noexcept {
    if (offset < m_released + k_batch) return;
    m_file.release(m_released, offset);
    m_released = offset;
  }

 private:
  static constexpr std::size_t k_batch = std::size_t{4} << 20;  // a madvise per 4 MiB read
  const MappedFile& m_file;
  std::size_t m_released;
};

}  // namespace forge::util
