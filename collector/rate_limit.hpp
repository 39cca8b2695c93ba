// Per-client token-bucket rate limit for the shopper-facing route.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace pepite::collector {

/// `rate` requests per second sustained, bursts of `burst`; a rate of 0 turns it off.
/// Thread-safe. Idle clients are forgotten so memory stays bounded.
class rate_limiter {
 public:
  using clock = std::chrono::steady_clock;
  rate_limiter(double rate, double burst) : rate_(rate), burst_(burst) {}
  /// Sets the limits; call before serving.
  void configure(double rate, double burst) {
    rate_ = rate;
    burst_ = burst;
  }
  bool enabled() const { return rate_ > 0; }
  /// Buckets kept elsewhere (the database several collectors share): `take(client, rate, burst,
  /// &retry_after)` answers 1 allowed, 0 refused, -1 "ask the in-memory buckets".
  using shared_buckets = std::function<int(const std::string&, double, double, int*)>;
  void share(shared_buckets take) { shared_ = std::move(take); }
  /// True when `client` may proceed now; otherwise `*retry_after_seconds` (>= 1) is set.
  bool allow(const std::string& client, clock::time_point now, int* retry_after_seconds);

 private:
  struct bucket {
    double tokens = 0;
    clock::time_point last;
  };
  double rate_;
  double burst_;
  shared_buckets shared_;
  std::mutex mutex_;
  std::unordered_map<std::string, bucket> buckets_;
  clock::time_point last_sweep_{};
};

/// Parses `--rate-limit`: `10/s`, `10`, `600/min`, `0` (off). Burst is 3 x the per-second
/// rate, at least 1. False on a malformed value.
bool parse_rate(const std::string& text, double* per_second, double* burst);

}  // namespace pepite::collector
