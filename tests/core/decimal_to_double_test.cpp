// The reader's exact decimal → double conversion against the C library's strtod, bit for bit.
#include <catch2/catch.hpp>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include "detail/decimal_to_double.hpp"
#include "detail/json_read.hpp"

namespace {

using pepite::detail::decimal_to_double;

std::uint64_t bits_of(double d) {
  std::uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return b;
}

double from_bits(std::uint64_t b) {
  double d;
  std::memcpy(&d, &b, sizeof d);
  return d;
}

/// Ours and strtod give the same bits (the token is printed on failure).
void same_as_strtod(const std::string& token) {
  const double ours = decimal_to_double(token);
  const double theirs = std::strtod(token.c_str(), nullptr);
  if (bits_of(ours) != bits_of(theirs)) {
    INFO("token: " << (token.size() > 300 ? token.substr(0, 300) + "…" : token) << " ("
                   << token.size() << " chars)");
    CHECK(bits_of(ours) == bits_of(theirs));
  }
}

/// The exact decimal expansion of `value` with `digits` digits after the point (glibc prints
/// binary floating point exactly; x86's long double holds the midpoint of two doubles exactly).
std::string exact(long double value, int digits = 1100) {
  std::string out(digits + 40, '\0');
  const int n = std::snprintf(out.data(), out.size(), "%.*Le", digits, value);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

/// `exact()` text with trailing zeros of the significand removed (JSON needs a digit after '.').
std::string trimmed(std::string s) {
  const std::size_t e = s.find('e');
  std::size_t end = e;
  while (end > 0 && s[end - 1] == '0') --end;
  if (s[end - 1] == '.') end += 1;  // keep "d.0"
  return s.substr(0, end) + s.substr(e);
}

/// The token with its last significand digit replaced by `last` and `tail` appended to it.
std::string retail(const std::string& token, char last, const std::string& tail) {
  const std::size_t e = token.find('e');
  std::string out = token.substr(0, e);
  out.back() = last;
  return out + tail + token.substr(e);
}

}  // namespace

TEST_CASE("decimal_to_double rounds the classic hard cases like strtod") {
  const char* const cases[] = {
      "0",
      "-0",
      "0.0",
      "-0.0e5",
      "1",
      "-1",
      "1.5",
      "0.1",
      "0.2",
      "0.3",
      "3.14159",
      "9007199254740992",
      "9007199254740993",
      "9007199254740994",
      "9007199254740995",
      "18014398509481985",
      "123456789012345678901234567890",
      "2.2250738585072011e-308",
      "2.2250738585072012e-308",
      "2.2250738585072014e-308",
      "2.225073858507201136057409796709131975934819546351645648e-308",
      "1.7976931348623157e308",
      "1.7976931348623158e308",
      "1.7976931348623159e308",
      "-1.7976931348623158e308",
      "1.797693134862315807937289714053e308",
      "1.797693134862315807937289714054e308",
      "0.1000000000000000055511151231257827021181583404541015625",
      "0.1000000000000000055511151231257827021181583404541015624",
      "0.1000000000000000055511151231257827021181583404541015626",
      "4.9406564584124654e-324",
      "4.9e-324",
      "5e-324",
      "-5e-324",
      "3e-324",
      "2.5e-324",
      "2.4703282292062327e-324",
      "2.4703282292062328e-324",
      "2.47032822920623272088284396434110686182529901307162382212792841250337753635104375932649"
      "9181808190353653e-324",
      "2.47032822920623272e-324",
      "7.4109846876186982e-324",
      "1e-320",
      "1e-100000",
      "-1e-100000",
      "1e100000",
      "-1e100000",
      "1e-400",
      "1e400",
      "1e309",
      "1e308",
      "1e-323",
      "1e-324",
      "9.99e-325",
      "9.99e308",
      "9.99e307",
      "1e23",
      "8.98846567431158e307",
      "1.448997445238699",
      "4.35679828e-318",
      "179769313486231580793728971405301e276",
      "0.000000000000000000000000000000001e33",
      "100000000000000000000000000000000000000000000000000000000000e-60"};
  for (const char* c : cases) same_as_strtod(c);

  CHECK(decimal_to_double("9007199254740993") == 9007199254740992.0);
  CHECK(bits_of(decimal_to_double("1e-100000")) == 0);
  CHECK(bits_of(decimal_to_double("-1e-100000")) == std::uint64_t{1} << 63);
  CHECK(decimal_to_double("1e100000") == std::numeric_limits<double>::infinity());
  CHECK(decimal_to_double("-1e100000") == -std::numeric_limits<double>::infinity());
  CHECK(bits_of(decimal_to_double("4.9406564584124654e-324")) == 1);
  CHECK(bits_of(decimal_to_double("2.4703282292062327e-324")) == 0);  // below the halfway point
  CHECK(bits_of(decimal_to_double("2.4703282292062328e-324")) == 1);  // above it
  CHECK(decimal_to_double("1.7976931348623158e308") == DBL_MAX);
  CHECK(std::isinf(decimal_to_double("1.7976931348623159e308")));
  CHECK(decimal_to_double("2.2250738585072011e-308") == from_bits(0x000FFFFFFFFFFFFF));
}

TEST_CASE("decimal_to_double decides exact ties and near-ties with long tails") {
  const std::string zeros(5000, '0');
  SECTION("0.1's exact value and its neighbours one unit away in a far digit") {
    const std::string tenth = "0.1000000000000000055511151231257827021181583404541015625";
    same_as_strtod(tenth);
    same_as_strtod(tenth + zeros + "1");
    same_as_strtod(tenth.substr(0, tenth.size() - 1) + "4" + std::string(3000, '9'));
  }
  SECTION("halfway between the two smallest subnormals, and just off it") {
    const std::string half = trimmed(exact(std::ldexp(1.0L, -1075)));  // 767 digits
    REQUIRE(half.size() > 750);                                        // 752 significant digits
    same_as_strtod(half);
    same_as_strtod(retail(half, half[half.find('e') - 1], zeros + "1"));
    same_as_strtod(
        retail(half, static_cast<char>(half[half.find('e') - 1] - 1), std::string(3000, '9')));
    CHECK(bits_of(decimal_to_double(half)) == 0);  // ties to even: 0
    CHECK(bits_of(decimal_to_double(retail(half, half[half.find('e') - 1], zeros + "1"))) == 1);
    // The longest midpoint of all, 767 digits, just below the smallest normal.
    const std::string longest = trimmed(exact(std::ldexp(9007199254740991.0L, -1075)));
    REQUIRE(longest.size() > 767);
    const char last = longest[longest.find('e') - 1];
    same_as_strtod(longest);
    same_as_strtod(retail(longest, last, zeros + "1"));
    same_as_strtod(retail(longest, static_cast<char>(last - 1), std::string(3000, '9')));
    CHECK(bits_of(decimal_to_double(longest)) == 0x0010000000000000);  // ties to even: up
    const std::string three_halves = trimmed(exact(std::ldexp(3.0L, -1075)));
    CHECK(bits_of(decimal_to_double(three_halves)) == 2);  // ties to even: 2
  }
  SECTION("9007199254740993 written with thousands of digits") {
    same_as_strtod("9007199254740993" + std::string(".") + zeros);
    same_as_strtod("9007199254740993." + zeros + "1");
    same_as_strtod("9007199254740992." + std::string(4000, '9'));
    same_as_strtod("9007199254740993" + zeros + "e-5000");
    same_as_strtod("0." + zeros + "9007199254740993e5016");
  }
  SECTION("huge and tiny written out in full") {
    same_as_strtod("1" + std::string(400, '0'));
    same_as_strtod("1" + std::string(308, '0'));
    same_as_strtod("0." + std::string(330, '0') + "1");
    same_as_strtod("0." + std::string(322, '0') + "247032822920623272088284396434110686182529901");
    same_as_strtod(std::string(2000, '9') + "e-2000");
    same_as_strtod("-" + std::string(1000, '1') + "." + std::string(1000, '7') + "e-1300");
  }
  SECTION("exponents far outside the range, also against many digits") {
    same_as_strtod("1e-2147483649");
    same_as_strtod("1e2147483649");
    same_as_strtod("1e99999999999999999999");
    same_as_strtod("1e-99999999999999999999");
    same_as_strtod("0." + std::string(20000, '0') + "1e20010");
    same_as_strtod(std::string(20000, '1') + "e-20300");
    same_as_strtod("0e999999999");
  }
}

TEST_CASE("decimal_to_double agrees with strtod on every midpoint of random doubles") {
  std::mt19937_64 rng(20261126);
  for (int round = 0; round < 20000; ++round) {
    std::uint64_t b = rng() & 0x7FEFFFFFFFFFFFFF;
    if (round % 4 == 0) b &= 0x000FFFFFFFFFFFFF;  // subnormals
    if (round % 4 == 1) b = (b & 0x800FFFFFFFFFFFFF) | (std::uint64_t{rng() % 4} << 52);
    const double lo = from_bits(b);
    const double hi = std::nextafter(lo, std::numeric_limits<double>::infinity());
    if (std::isinf(hi)) continue;
    const long double mid = (static_cast<long double>(lo) + hi) / 2;  // exact
    const std::string tie = trimmed(exact(mid));
    const char last = tie[tie.find('e') - 1];
    same_as_strtod(tie);
    REQUIRE(last != '0');  // a midpoint's expansion ends in 5
    same_as_strtod(retail(tie, last, "000001"));
    same_as_strtod(retail(tie, static_cast<char>(last - 1), "999999"));
    same_as_strtod("-" + tie);
  }
}

TEST_CASE("decimal_to_double agrees with strtod on a million random tokens") {
  // PEPITE_DECIMAL_ROUNDS and PEPITE_DECIMAL_SEED run a longer or different sequence.
  const char* const rounds_text = std::getenv("PEPITE_DECIMAL_ROUNDS");
  const char* const seed_text = std::getenv("PEPITE_DECIMAL_SEED");
  const long rounds = rounds_text != nullptr ? std::atol(rounds_text) : 1000000;
  std::mt19937_64 rng(seed_text != nullptr ? std::strtoull(seed_text, nullptr, 10) : 42);
  char buffer[900];
  std::string token;
  for (long round = 0; round < rounds; ++round) {
    token.clear();
    const auto kind = rng() % 4;
    if (kind == 0) {
      // Random digits (1–800, a few with longer runs of zeros), point and exponent anywhere.
      const int n = 1 + static_cast<int>(rng() % 800);
      if (rng() % 2) token += '-';
      token += static_cast<char>('1' + rng() % 9);
      const bool sparse = rng() % 2 == 0;  // mostly zeros: values close to short decimals
      for (int k = 1; k < n; ++k) {
        token += static_cast<char>('0' + (!sparse || rng() % 5 == 0 ? rng() % 10 : 0));
      }
      if (rng() % 2) token += "." + std::to_string(rng());
      token += "e" + std::to_string(static_cast<int>(rng() % 1500) - 750);
    } else {
      // A random double printed with 17 or up to 780 digits, last digit nudged, tail added.
      std::uint64_t b = rng() & 0x7FEFFFFFFFFFFFFF;
      if (rng() % 8 == 0) b &= 0x000FFFFFFFFFFFFF;
      const int digits = kind == 1 ? 16 : static_cast<int>(rng() % 780);
      std::snprintf(buffer, sizeof buffer, "%.*e", digits, from_bits(b));
      token = buffer;
      const std::size_t e = token.find('e');
      char& last = token[e - 1];
      if (last >= '0' && last <= '9' && rng() % 2) {
        last = static_cast<char>('0' + (last - '0' + 9 + rng() % 3) % 10);
      }
      if (rng() % 3 == 0) {
        std::string tail = digits == 0 ? "." : "";
        for (int k = static_cast<int>(rng() % 30); k >= 0; --k)
          tail += static_cast<char>('0' + rng() % 10);
        token.insert(e, tail);
      }
    }
    same_as_strtod(token);
  }
}

TEST_CASE("read_json reads numbers like strtod, also with exponents past its clamp") {
  using json = nlohmann::ordered_json;
  const auto read = [](const std::string& text) { return pepite::detail::read_json(text); };
  // The exponent is clamped for the fast path; a clamped one must not be taken as exact.
  const std::string long_zero = "0." + std::string(100000, '0') + "1e100010";
  const json value = read(long_zero);
  REQUIRE(value.is_number_float());
  CHECK(value.get<double>() == 1e9);
  CHECK(read("[1e-100000]").at(0).get<double>() == 0.0);
  CHECK(std::signbit(read("-1e-100000").get<double>()));
  CHECK(read("1e100000").is_discarded());
  CHECK(read("1.7976931348623159e308").is_discarded());
  CHECK(read("1.7976931348623158e308").get<double>() == DBL_MAX);
  CHECK(read("2.4703282292062328e-324").get<double>() == from_bits(1));
  CHECK(read("0.1000000000000000055511151231257827021181583404541015626").get<double>() ==
        from_bits(0x3FB999999999999A));
  CHECK(read("0.1000000000000000055511151231257827021181583404541015625").get<double>() ==
        from_bits(0x3FB999999999999A));
  CHECK(read("9007199254740993.0").get<double>() == 9007199254740992.0);
}
