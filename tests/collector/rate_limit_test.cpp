// Token-bucket rate limit: burst, refill, Retry-After, per-client buckets, flag parsing.
#include <catch2/catch.hpp>

#include "rate_limit.hpp"

using namespace pepite::collector;
using namespace std::chrono_literals;

TEST_CASE("a burst then refusals, then refill", "[rate-limit]") {
  rate_limiter limiter(2, 4);  // 2/s, burst 4
  auto t0 = rate_limiter::clock::time_point{} + 1000s;
  int retry = 0;
  for (int i = 0; i < 4; ++i) CHECK(limiter.allow("1.2.3.4", t0, &retry));
  CHECK_FALSE(limiter.allow("1.2.3.4", t0, &retry));
  CHECK(retry == 1);
  CHECK(limiter.allow("5.6.7.8", t0, &retry));          // another client has its own bucket
  CHECK(limiter.allow("1.2.3.4", t0 + 500ms, &retry));  // one token back after 0.5 s
  CHECK_FALSE(limiter.allow("1.2.3.4", t0 + 500ms, &retry));
}

TEST_CASE("Retry-After rounds the wait up to whole seconds", "[rate-limit]") {
  rate_limiter limiter(0.25, 1);  // one every 4 s
  auto t0 = rate_limiter::clock::time_point{} + 1000s;
  int retry = 0;
  CHECK(limiter.allow("c", t0, &retry));
  CHECK_FALSE(limiter.allow("c", t0, &retry));
  CHECK(retry == 4);
}

TEST_CASE("a zero rate is off", "[rate-limit]") {
  rate_limiter limiter(0, 0);
  auto t0 = rate_limiter::clock::now();
  for (int i = 0; i < 1000; ++i) REQUIRE(limiter.allow("c", t0, nullptr));
}

TEST_CASE("parse_rate", "[rate-limit]") {
  double rate = -1;
  double burst = -1;
  CHECK(parse_rate("10/s", &rate, &burst));
  CHECK(rate == 10);
  CHECK(burst == 30);
  CHECK(parse_rate("0", &rate, &burst));
  CHECK(rate == 0);
  CHECK(parse_rate("120/min", &rate, &burst));
  CHECK(rate == Approx(2.0));
  CHECK(burst == Approx(6.0));
  CHECK_FALSE(parse_rate("fast", &rate, &burst));
  CHECK_FALSE(parse_rate("10/h", &rate, &burst));
  CHECK_FALSE(parse_rate("-1", &rate, &burst));
}
