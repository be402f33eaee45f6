#include "util/background_work.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <iostream>

namespace forge::util {

namespace {
std::atomic<int> g_running{0};
}  // namespace

BackgroundWork::BackgroundWork() noexcept { ++g_running; }

BackgroundWork::~BackgroundWork() { --g_running; }

bool background_work_running() noexcept { return g_running.load() > 0; }

int exit_code_after_background_work(int code) {
  if (!background_work_running()) return code;
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  ::_exit(code);
}

}  // namespace forge::util
