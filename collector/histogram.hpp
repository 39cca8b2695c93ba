// A lock-free latency histogram (microseconds, 1/8-octave buckets) for the collector's timings.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

namespace pepite::collector {

/// Counts durations in logarithmic buckets (8 per power of two, so a percentile is exact to
/// within 9 %) from 1 µs to ~1 min. Thread-safe: add() is a few relaxed atomic increments.
class histogram {
 public:
  using clock = std::chrono::steady_clock;

  void add_us(double us) {
    int b = us <= 1 ? 0 : static_cast<int>(std::log2(us) * per_octave);
    if (b >= buckets) b = buckets - 1;
    counts_[static_cast<std::size_t>(b)].fetch_add(1, std::memory_order_relaxed);
    count_.fetch_add(1, std::memory_order_relaxed);
    sum_us_.fetch_add(static_cast<std::uint64_t>(us), std::memory_order_relaxed);
    std::uint64_t v = static_cast<std::uint64_t>(us);
    std::uint64_t m = max_us_.load(std::memory_order_relaxed);
    while (v > m && !max_us_.compare_exchange_weak(m, v, std::memory_order_relaxed)) {
    }
  }
  void add(clock::duration d) { add_us(std::chrono::duration<double, std::micro>(d).count()); }

  std::uint64_t count() const { return count_.load(); }
  double mean_us() const { return count() ? static_cast<double>(sum_us_.load()) / count() : 0; }
  double max_us() const { return static_cast<double>(max_us_.load()); }

  /// Upper bound of the bucket holding the `p`-th percentile (0 < p <= 100).
  double percentile_us(double p) const {
    std::uint64_t total = count();
    if (total == 0) return 0;
    auto rank = static_cast<std::uint64_t>(std::ceil(p / 100.0 * static_cast<double>(total)));
    std::uint64_t seen = 0;
    for (int b = 0; b < buckets; ++b) {
      seen += counts_[static_cast<std::size_t>(b)].load();
      if (seen >= rank) return std::exp2(static_cast<double>(b + 1) / per_octave);
    }
    return max_us();
  }

  /// `name n=… mean=… p50=… p90=… p99=… p99.9=… max=…` in milliseconds.
  std::string summary(const char* name) const {
    char line[256];
    std::snprintf(line, sizeof line,
                  "%s n=%llu mean=%.2fms p50=%.2fms p90=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms",
                  name, static_cast<unsigned long long>(count()), mean_us() / 1000,
                  percentile_us(50) / 1000, percentile_us(90) / 1000, percentile_us(99) / 1000,
                  percentile_us(99.9) / 1000, max_us() / 1000);
    return line;
  }

 private:
  static constexpr int per_octave = 8;
  static constexpr int buckets = 26 * per_octave;
  std::array<std::atomic<std::uint64_t>, buckets> counts_{};
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_us_{0};
  std::atomic<std::uint64_t> max_us_{0};
};

}  // namespace pepite::collector
