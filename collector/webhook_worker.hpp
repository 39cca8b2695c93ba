// The webhooks' delivery worker: a thread that leases due events from the durable queue
// (events.hpp), POSTs each to every URL still owed it (Boost.Beast, all of a lease's POSTs at
// once, each with its deadline), records every attempt and reschedules the failures with
// exponential backoff and jitter, until a 2xx or the give-up age. It also queues the weekly
// digest once per ISO week. Two collectors on one PostgreSQL lease disjoint events.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "events.hpp"

namespace pepite::collector {

class store;

struct webhook_config {
  std::vector<std::string> urls;    ///< https:// or http:// URLs (parse_webhook_url() checked them)
  std::string secret;               ///< the HMAC key of `Pepite-Signature`
  std::int64_t timeout_ms = 10000;  ///< one POST, from resolving to the status line
  std::int64_t first_retry_ms = 5000;        ///< the first retry's delay, doubled after each
  std::int64_t max_retry_ms = 3600000;       ///< the longest delay between two attempts
  std::int64_t give_up_ms = 3 * 86400000LL;  ///< an event older than this is not retried
  std::int64_t poll_ms = 250;                ///< how often the queue is looked at when idle
  std::int64_t digest_check_ms = 60000;      ///< how often the digest's week is checked
  int lease_batch = 100;                     ///< events leased (and POSTed at once) per round
  event_options events;
};

/// The outcome of one POST: the status (0 when none came back) or what went wrong.
struct post_result {
  int status = 0;
  std::string error;
  std::int64_t duration_ms = 0;
  std::string retry_after;  ///< the answer's `Retry-After` header, if any
};

/// POSTs `body` to each URL of `urls` at once, each within `timeout_ms`; one result per URL.
/// `headers` are added to Content-Type and Content-Length.
std::vector<post_result> post_all(
    const std::vector<std::string>& urls, const std::vector<std::string>& bodies,
    const std::vector<std::vector<std::pair<std::string, std::string>>>& headers,
    std::int64_t timeout_ms);

class webhook_worker {
 public:
  /// Starts the thread.
  webhook_worker(store& db, webhook_config config);
  /// Stops and joins it (a lease in flight is finished first: at most one timeout).
  ~webhook_worker();
  webhook_worker(const webhook_worker&) = delete;
  webhook_worker& operator=(const webhook_worker&) = delete;

 private:
  void run();
  bool round(std::int64_t now);

  store& db_;
  webhook_config cfg_;
  std::string owner_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace pepite::collector
