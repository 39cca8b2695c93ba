// Group commit: see write_queue.hpp.
#include "write_queue.hpp"

#include <algorithm>

namespace pepite::collector {

std::string_view write_job::row_key() const {
  switch (what) {
    case kind::upsert:
      return summary->response_id;
    case kind::follow_up:
      return id;
    case kind::meta:
      return key;
    case kind::import:
      return row->response_id;
    case kind::custom:
      return {};
    case kind::case_change:
      return change->response_id;
    case kind::user:
    case kind::tables:
      return key;
  }
  return {};
}

void write_job::fail(const char* why) {
  upserted = upsert_result{};
  upserted.error = why;
  followed = follow_up_outcome::failed;
  meta_ok = false;
  changed_case = case_result{};
}

void write_job::finish() {
  {
    std::lock_guard<std::mutex> lock(mutex);
    done = true;
  }
  cv.notify_one();
}

void write_job::wait() {
  std::unique_lock<std::mutex> lock(mutex);
  cv.wait(lock, [&] { return done; });
}

write_queue::write_queue(int max_batch, batch_runner run)
    : max_batch_(std::max(1, max_batch)), run_batch_(std::move(run)) {
  thread_ = std::thread([this] { this->run(); });
}

write_queue::~write_queue() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void write_queue::submit(write_job& job) {
  job.queued = histogram::clock::now();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(&job);
  }
  wake_.notify_one();
  job.wait();
  h_roundtrip_.add(histogram::clock::now() - job.queued);
}

std::size_t write_queue::waiting() {
  std::lock_guard<std::mutex> lock(mutex_);
  return queue_.size();
}

void write_queue::submit_all(const std::vector<write_job*>& jobs) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (write_job* job : jobs) {
      job->queued = histogram::clock::now();
      queue_.push_back(job);
    }
  }
  wake_.notify_one();
  for (write_job* job : jobs) job->wait();
}

void write_queue::run() {
  std::vector<write_job*> batch;
  std::vector<write_job*> taken;
  std::size_t next = 0;  // first job of `taken` not yet in a batch
  auto last_cycle = histogram::clock::now();
  for (;;) {
    if (next == taken.size()) {
      taken.clear();
      next = 0;
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      taken.swap(queue_);
    }
    std::size_t end = std::min(taken.size(), next + static_cast<std::size_t>(max_batch_));
    batch.assign(taken.begin() + static_cast<std::ptrdiff_t>(next),
                 taken.begin() + static_cast<std::ptrdiff_t>(end));
    next = end;
    std::stable_sort(batch.begin(), batch.end(), [](const write_job* a, const write_job* b) {
      if (a->what == write_job::kind::meta || b->what == write_job::kind::meta) {
        if (a->what != b->what) return a->what == write_job::kind::meta;
      }
      return a->row_key() < b->row_key();
    });
    auto t0 = histogram::clock::now();
    h_cycle_.add(t0 - last_cycle);
    last_cycle = t0;
    for (write_job* job : batch) h_queue_.add(t0 - job->queued);
    const int written = run_batch_(batch);
    commits_.fetch_add(1);
    if (written >= 0) writes_.fetch_add(written);
    // Collect what arrived during the commit before waking anyone, so the next transaction
    // does not wait behind the woken threads for the queue's lock.
    if (next == taken.size()) {
      taken.clear();
      next = 0;
      std::lock_guard<std::mutex> lock(mutex_);
      taken.swap(queue_);
    }
    for (write_job* job : batch) {
      if (written < 0) job->fail("commit failed");
      job->finish();
    }
    batch.clear();
  }
}

std::string write_queue::timings() const {
  return h_roundtrip_.summary("store: write waited") + "\n" + h_queue_.summary("store: queued") +
         "\n" + h_cycle_.summary("store: between commits");
}

}  // namespace pepite::collector
