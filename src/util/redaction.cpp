#include "util/redaction.hpp"

#include <mutex>
#include <set>

namespace forge::util {

namespace {
std::mutex g_mutex;
// Longest first, so a secret that contains another is masked whole.
struct LongestFirst {
  bool operator()(const std::string& a, const std::string& b) const {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  }
};
std::set<std::string, LongestFirst>& secrets() {
  static std::set<std::string, LongestFirst> all;
  return all;
}
}  // namespace

void register_secret(std::string_view secret) {
  if (secret.size() < 2) return;
  std::lock_guard<std::mutex> guard(g_mutex);
  secrets().emplace(secret);
}

std::string redact(std::string_view text) {
  std::string out(text);
  std::lock_guard<std::mutex> guard(g_mutex);
  for (const auto& secret : secrets()) {
    for (auto at = out.find(secret); at != std::string::npos; at = out.find(secret, at + 3)) {
      out.replace(at, secret.size(), "***");
    }
  }
  return out;
}

}  // namespace forge::util
