// Group commit: writes wait in a queue while the previous transaction commits, then go in one
// transaction together; each waiting thread is woken when the transaction holding its write is
// committed. Knows nothing of SQL: the batch runner does the writing.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "histogram.hpp"
#include "pepite/payload.hpp"
#include "sql.hpp"
#include "store.hpp"

namespace pepite::collector {

/// A write waiting for the writer thread; lives on the requesting thread's stack.
struct write_job {
  enum class kind {
    upsert,
    follow_up,
    meta,
    import,
    custom,
    case_change,
    user,
    tables
  } what = kind::upsert;
  const payload_summary* summary = nullptr;
  const upsert_sender* sender = nullptr;  ///< who sends an upsert (null: unbound)
  std::string_view payload;
  std::string_view received_at;
  std::string_view id;  ///< the response id (follow-up)
  std::string_view state;
  std::optional<std::string_view> note;  ///< nullopt keeps the stored note
  std::string_view now;
  std::string_view key;  ///< the meta key
  std::string_view value;
  const response_row* row = nullptr;            ///< the row an import copies
  const sql_work* work = nullptr;               ///< what a custom write runs in the transaction
  const prepared_event* alert_event = nullptr;  ///< an upsert's `alert.created`, if any
  std::string_view due_at;                      ///< upsert: when a new case is due
  const case_change* change = nullptr;          ///< case_change
  const event_options* events = nullptr;        ///< case_change, follow_up: queue `case.changed`
  std::string_view actor;                       ///< follow-up: who signs it (empty: `admin`)
  const void* tables = nullptr;                 ///< tables: the store::table_copy rows to insert
  case_result changed_case;
  upsert_result upserted;
  follow_up_outcome followed = follow_up_outcome::failed;
  bool meta_ok = false;
  histogram::clock::time_point queued;

  /// The row it writes, to order a batch's writes the same way in every collector (two
  /// transactions that lock rows in one order cannot deadlock).
  std::string_view row_key() const;
  /// Sets the outcome of a write whose transaction did not commit.
  void fail(const char* why);

  std::mutex mutex;
  std::condition_variable cv;
  bool done = false;
  void finish();
  void wait();
};

/// Runs `batch` in one transaction and fills each job's outcome. Returns the rows written, or
/// -1 when the transaction did not commit (the queue then marks every job failed).
using batch_runner = std::function<int(const std::vector<write_job*>& batch)>;

class write_queue {
 public:
  /// Starts the writer thread; at most `max_batch` writes per transaction.
  write_queue(int max_batch, batch_runner run);
  ~write_queue();
  write_queue(const write_queue&) = delete;
  write_queue& operator=(const write_queue&) = delete;

  /// Queues `job` and returns once its transaction is committed (or failed).
  void submit(write_job& job);
  /// Queues every job at once (they share transactions) and returns once all are done.
  void submit_all(const std::vector<write_job*>& jobs);

  /// Writes queued and not yet taken by the writer thread.
  std::size_t waiting();
  std::int64_t commits() const { return commits_.load(); }
  std::int64_t committed_writes() const { return writes_.load(); }
  /// A write's wait in the queue until its transaction begins, the time between two
  /// transactions, a write's whole wait: one line each.
  std::string timings() const;

 private:
  void run();

  int max_batch_;
  batch_runner run_batch_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<write_job*> queue_;
  bool stopping_ = false;
  std::atomic<std::int64_t> commits_{0};
  std::atomic<std::int64_t> writes_{0};
  histogram h_queue_, h_cycle_, h_roundtrip_;
  std::thread thread_;
};

}  // namespace pepite::collector
