#include "core/wait.hpp"

#include <algorithm>
#include <thread>

#include "core/errors.hpp"
#include "util/logging.hpp"

namespace forge::core {

void sleep_for(std::chrono::milliseconds pause) { std::this_thread::sleep_for(pause); }

std::unique_ptr<Connection> connect_with_retry(const Connector& connect,
                                               std::chrono::milliseconds patience,
                                               const Sleeper& sleep) {
  using namespace std::chrono;
  const auto deadline = steady_clock::now() + patience;
  milliseconds pause(200);
  for (int attempt = 1;; ++attempt) {
    try {
      return connect();
    } catch (const ConnectionError& error) {
      const auto left = duration_cast<milliseconds>(deadline - steady_clock::now());
      if (left <= milliseconds::zero()) throw;
      if (attempt == 1) {
        util::log_info("database not ready yet, retrying for up to {} s: {}",
                       duration_cast<seconds>(left).count() + 1, error.what());
      } else {
        util::log_debug("attempt {}: {}", attempt, error.what());
      }
      sleep(std::min(pause, left));
      pause = std::min(pause * 2, milliseconds(2000));
    }
  }
}

}  // namespace forge::core
