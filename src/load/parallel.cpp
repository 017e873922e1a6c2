#include "load/parallel.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace strata::load {

Status run_parallel(size_t tasks, int workers, const std::function<Status(size_t)>& task) {
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::optional<std::pair<size_t, Error>> first_error;

  auto work = [&] {
    while (!failed.load()) {
      size_t index = next.fetch_add(1);
      if (index >= tasks) return;
      Status status;
      try {
        status = task(index);
      } catch (const std::exception& e) {  // a boundary: never let a worker take the process down
        status = Error(ErrorCode::Internal, std::string("parallel task failed: ") + e.what());
      }
      if (!status) {
        std::lock_guard lock(mutex);
        if (!first_error || index < first_error->first) first_error.emplace(index, std::move(status).error());
        failed = true;
      }
    }
  };

  size_t threads = std::min<size_t>(tasks, static_cast<size_t>(std::max(workers, 1)));
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (size_t i = 0; i < threads; ++i) pool.emplace_back(work);
    for (auto& thread : pool) thread.join();
  }
  if (first_error) return std::move(first_error->second);
  return {};
}

}  // namespace strata::load
