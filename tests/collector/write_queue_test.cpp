// Group commit without a database and without timing: the batch runner holds its first
// transaction until every other write is queued, so the next transaction must take them all.
#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "write_queue.hpp"

using namespace pepite::collector;

namespace {

// A batch runner that records the size of each batch and holds the first one until released.
struct held_runner {
  std::mutex mutex;
  std::condition_variable cv;
  bool released = false;
  std::atomic<bool> first_running{false};
  std::vector<std::size_t> sizes;
  int result = 0;

  int operator()(const std::vector<write_job*>& batch) {
    std::unique_lock<std::mutex> lock(mutex);
    sizes.push_back(batch.size());
    if (sizes.size() == 1) {
      first_running = true;
      cv.wait(lock, [&] { return released; });
    }
    for (write_job* job : batch) job->meta_ok = result >= 0;
    return result < 0 ? result : static_cast<int>(batch.size());
  }
  void release() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      released = true;
    }
    cv.notify_all();
  }
};

// Submits one meta write per thread: the first alone, then `more` while it is held.
std::vector<std::size_t> run(held_runner& runner, int max_batch, int more, std::vector<bool>* ok) {
  write_queue queue(max_batch, [&](const std::vector<write_job*>& b) { return runner(b); });
  std::vector<write_job> jobs(static_cast<std::size_t>(more + 1));
  std::vector<std::thread> threads;
  for (auto& job : jobs) job.what = write_job::kind::meta;
  threads.emplace_back([&] { queue.submit(jobs[0]); });
  while (!runner.first_running) std::this_thread::yield();
  for (int i = 1; i <= more; ++i) threads.emplace_back([&, i] { queue.submit(jobs[i]); });
  while (queue.waiting() < static_cast<std::size_t>(more)) std::this_thread::yield();
  runner.release();
  for (auto& t : threads) t.join();
  for (auto& job : jobs) ok->push_back(job.meta_ok);
  std::lock_guard<std::mutex> lock(runner.mutex);
  return runner.sizes;
}

}  // namespace

TEST_CASE("writes queued during a commit go in the next transaction together", "[group-commit]") {
  held_runner runner;
  std::vector<bool> ok;
  CHECK(run(runner, 2048, 40, &ok) == std::vector<std::size_t>{1, 40});
  CHECK(ok == std::vector<bool>(41, true));
}

TEST_CASE("a transaction holds at most max_batch writes", "[group-commit]") {
  held_runner runner;
  std::vector<bool> ok;
  CHECK(run(runner, 16, 40, &ok) == std::vector<std::size_t>{1, 16, 16, 8});
}

TEST_CASE("when a transaction fails, every write in it is told", "[group-commit]") {
  held_runner runner;
  runner.result = -1;
  std::vector<bool> ok;
  run(runner, 2048, 5, &ok);
  CHECK(ok == std::vector<bool>(6, false));
}
