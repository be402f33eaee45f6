#include "core/fleet_pool.hpp"

#include <algorithm>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>
#include <vector>

#include "util/shutdown.hpp"

namespace forge::core {

namespace {

class Pool {
 public:
  Pool(Rollout& rollout, const std::function<bool(std::size_t)>& work)
      : m_rollout(rollout), m_work(work) {}

  // One worker: take the next target the rollout allows until none is left.
  void serve() {
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
      if (const int signal = util::stop_signal(); signal != 0) {
        m_rollout.stop(signal == SIGINT ? "stopped by SIGINT" : "stopped by SIGTERM");
      }
      std::size_t index = 0;
      const Rollout::Next next = m_rollout.next(index);
      if (next == Rollout::Next::done) break;
      if (next == Rollout::Next::wait) {
        m_changed.wait(lock);
        continue;
      }
      lock.unlock();
      const bool ok = m_work(index);
      lock.lock();
      m_rollout.finished(ok);
      m_changed.notify_all();
    }
    m_changed.notify_all();  // a waiting worker may now find the rollout done
  }

 private:
  Rollout& m_rollout;
  const std::function<bool(std::size_t)>& m_work;
  std::mutex m_mutex;
  std::condition_variable m_changed;
};

}  // namespace

void run_pool(std::size_t workers, Rollout& rollout,
              const std::function<bool(std::size_t index)>& work) {
  Pool pool(rollout, work);
  std::vector<std::thread> threads;
  const std::size_t count = std::max<std::size_t>(workers, 1);
  for (std::size_t i = 1; i < count; ++i) threads.emplace_back([&pool] { pool.serve(); });
  pool.serve();  // the calling thread is a worker too
  for (auto& thread : threads) thread.join();
}

}  // namespace forge::core
