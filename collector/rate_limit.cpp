// Token buckets per client address, swept of idle clients once a minute.
#include "rate_limit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace pepite::collector {

bool rate_limiter::allow(const std::string& client, clock::time_point now,
                         int* retry_after_seconds) {
  if (!enabled()) return true;
  if (shared_) {
    const int shared = shared_(client, rate_, burst_, retry_after_seconds);
    if (shared >= 0) return shared == 1;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (now - last_sweep_ > std::chrono::seconds(60)) {
    // A bucket idle long enough to be full again carries no state worth keeping.
    const double refill_seconds = burst_ / rate_;
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      double idle = std::chrono::duration<double>(now - it->second.last).count();
      it = idle >= refill_seconds ? buckets_.erase(it) : std::next(it);
    }
    last_sweep_ = now;
  }
  auto [it, fresh] = buckets_.try_emplace(client);
  bucket& b = it->second;
  if (fresh) {
    b.tokens = burst_;
  } else {
    double elapsed = std::chrono::duration<double>(now - b.last).count();
    b.tokens = std::min(burst_, b.tokens + std::max(0.0, elapsed) * rate_);
  }
  b.last = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return true;
  }
  if (retry_after_seconds) {
    *retry_after_seconds = std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / rate_)));
  }
  return false;
}

bool parse_rate(const std::string& text, double* per_second, double* burst) {
  if (text.empty()) return false;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || value < 0 || !std::isfinite(value)) return false;
  std::string unit(end);
  if (unit.empty() || unit == "/s") {
  } else if (unit == "/min") {
    value /= 60.0;
  } else {
    return false;
  }
  *per_second = value;
  *burst = value > 0 ? std::max(1.0, 3.0 * value) : 0;
  return true;
}

}  // namespace pepite::collector
