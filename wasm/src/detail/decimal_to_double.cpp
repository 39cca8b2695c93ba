// Exactly rounded decimal → double (see decimal_to_double.hpp): a decimal digit buffer scaled by
// powers of two until its integer part is the 53-bit significand, then rounded half to even.
#include "detail/decimal_to_double.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace pepite::detail {

namespace {

// Significant digits kept. A value halfway between two doubles has at most 767 significant
// digits (the longest, (2^53 - 1) · 2^-1075, lies just below the smallest normal), so keeping
// more than that plus a sticky "something nonzero was dropped" bit decides every tie exactly:
// dropping digits only ever lowers the buffer, never below a halfway point it was above.
constexpr int k_max_digits = 800;
// Largest scaling step: a digit times 2^60 plus the carry still fits in 64 bits.
constexpr int k_max_shift = 60;
// Digits a product by 2^60 can gain at the front (2^60 has 19 digits).
constexpr int k_carry_room = 19;

int min_int(int a, int b) {
  return a < b ? a : b;
}

/// The value 0.d[0]d[1]…d[nd-1] × 10^dp, digits 0–9, no leading or trailing zero digit;
/// `dropped` when nonzero digits past k_max_digits were cut off (the true value is larger).
struct decimal {
  unsigned char d[k_max_digits + k_carry_room];
  int nd = 0;
  int dp = 0;
  bool dropped = false;

  void trim() {
    while (nd > 0 && d[nd - 1] == 0) --nd;
  }

  /// Multiplies by 2^k (1 ≤ k ≤ k_max_shift), right to left, writing k_carry_room places
  /// further on so the carry's new leading digits fit, then moves the digits back to 0.
  void shift_left(int k) {
    std::uint64_t carry = 0;
    for (int i = nd - 1; i >= 0; --i) {
      const std::uint64_t acc = (std::uint64_t{d[i]} << k) + carry;
      d[i + k_carry_room] = static_cast<unsigned char>(acc % 10);
      carry = acc / 10;
    }
    int start = k_carry_room;
    for (; carry != 0; carry /= 10) d[--start] = static_cast<unsigned char>(carry % 10);
    int n = nd + k_carry_room - start;
    dp += k_carry_room - start;
    std::memmove(d, d + start, static_cast<std::size_t>(n));
    for (; n > k_max_digits; --n) dropped = dropped || d[n - 1] != 0;
    nd = n;
    trim();
  }

  /// Divides by 2^k (1 ≤ k ≤ k_max_shift; the value must be nonzero), left to right, in place:
  /// the quotient never has more digits before the one being read.
  void shift_right(int k) {
    const std::uint64_t mask = (std::uint64_t{1} << k) - 1;
    std::uint64_t rem = 0;
    int r = 0;
    while ((rem >> k) == 0) {
      rem = rem * 10 + (r < nd ? d[r] : 0);
      ++r;
    }
    dp -= r - 1;
    int w = 0;
    for (;;) {
      const auto q = static_cast<unsigned char>(rem >> k);
      rem &= mask;
      if (w < k_max_digits) {
        d[w++] = q;
      } else if (q != 0) {
        dropped = true;
      }
      if (r >= nd && rem == 0) break;
      rem = rem * 10 + (r < nd ? d[r] : 0);
      ++r;
    }
    nd = w;
    trim();
  }

  /// The integer part rounded half to even (the value is below 10^19).
  std::uint64_t rounded() const {
    std::uint64_t n = 0;
    for (int i = 0; i < dp; ++i) n = n * 10 + (i < nd ? d[i] : 0);
    if (dp < 0 || dp >= nd) return n;  // below 0.1, or no digits after the point
    const int next = d[dp];
    const bool up = next > 5 || (next == 5 && (dropped || dp + 1 < nd || (n & 1) != 0));
    return n + (up ? 1 : 0);
  }
};

double with_sign(std::uint64_t bits, bool negative) {
  if (negative) bits |= std::uint64_t{1} << 63;
  double out;
  std::memcpy(&out, &bits, sizeof out);
  return out;
}

}  // namespace

double decimal_to_double(std::string_view token) {
  constexpr std::uint64_t infinity_bits = std::uint64_t{0x7FF} << 52;
  constexpr std::uint64_t hidden_bit = std::uint64_t{1} << 52;
  decimal dec;
  std::size_t i = 0;
  const bool negative = !token.empty() && token[0] == '-';
  if (negative) ++i;
  // Position of the decimal point relative to the first significant digit, in 64 bits so
  // neither a huge exponent nor millions of zeros can wrap it.
  std::int64_t point = 0;
  bool fraction = false;
  for (; i < token.size(); ++i) {
    const char c = token[i];
    if (c == '.') {
      fraction = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    const auto digit = static_cast<unsigned char>(c - '0');
    if (dec.nd == 0 && digit == 0) {
      if (fraction) --point;  // a leading zero only moves the point
      continue;
    }
    if (!fraction) ++point;
    if (dec.nd < k_max_digits) {
      dec.d[dec.nd++] = digit;
    } else if (digit != 0) {
      dec.dropped = true;
    }
  }
  if (i < token.size()) {  // 'e' or 'E'
    ++i;
    const bool minus = i < token.size() && token[i] == '-';
    if (i < token.size() && (token[i] == '-' || token[i] == '+')) ++i;
    std::int64_t e = 0;
    for (; i < token.size(); ++i) {
      if (e < 1000000000) e = e * 10 + (token[i] - '0');  // past 10^9 it is 0 or infinity
    }
    point += minus ? -e : e;
  }
  dec.trim();
  // 0.d… × 10^point: at least 10^309 overflows; below 10^-324 is under half the smallest
  // subnormal (4.9e-324).
  if (dec.nd == 0 || point < -323) return with_sign(0, negative);
  if (point > 309) return with_sign(infinity_bits, negative);
  dec.dp = static_cast<int>(point);

  // Scale into [0.5, 1): value = dec × 2^exp2. Each step keeps the value on the same side of 1
  // (2^(3n) ≤ 10^n), so the two loops never undo each other.
  int exp2 = 0;
  while (dec.dp > 0) {
    const int k = dec.dp == 1 ? 1 : min_int(k_max_shift, 3 * (dec.dp - 1));
    dec.shift_right(k);
    exp2 += k;
  }
  while (dec.dp < 0 || (dec.dp == 0 && dec.d[0] < 5)) {
    const int k = dec.dp < 0 ? min_int(k_max_shift, -3 * dec.dp) : 1;
    dec.shift_left(k);
    exp2 -= k;
  }
  // value = (2 · dec) × 2^e with 2 · dec in [1, 2): e is the binary exponent of a normal double.
  int e = exp2 - 1;
  if (e > 1023) return with_sign(infinity_bits, negative);
  if (e < -1022) {  // subnormal: fewer significand bits, so shift the excess out first
    for (int s = -1022 - e; s > 0; s -= k_max_shift) dec.shift_right(min_int(s, k_max_shift));
    e = -1022;
  }
  dec.shift_left(53);
  std::uint64_t significand = dec.rounded();
  if (significand == hidden_bit << 1) {  // rounded up to the next power of two
    significand >>= 1;
    ++e;
    if (e > 1023) return with_sign(infinity_bits, negative);
  }
  const std::uint64_t biased = significand < hidden_bit ? 0 : static_cast<std::uint64_t>(e + 1023);
  return with_sign((biased << 52) | (significand & (hidden_bit - 1)), negative);
}

}  // namespace pepite::detail
