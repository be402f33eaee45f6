#pragma once
#include <memory>
#include <string>
#include <string_view>

namespace forge::util {

/// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

/// SHA-256 of data given in pieces: a large unit is hashed while it is read, never held whole.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view data);
  /// Lower-case hex digest of everything given; the object is spent afterwards.
  std::string hex();

 private:
  struct Context;
  std::unique_ptr<Context> m_context;
};

}  // namespace forge::util
