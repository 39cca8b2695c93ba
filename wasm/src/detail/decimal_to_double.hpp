// Exactly rounded decimal → double conversion for the JSON reader (no libc strtod in the wasm).
#pragma once

#include <string_view>

namespace pepite::detail {

/// The double nearest to the decimal number `token`, ties to even: bit-identical to
/// std::strtod in its default rounding mode, for any number of digits and any exponent.
/// `token` must have the shape of a JSON number, `-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?`
/// (leading zeros are accepted); the reader validates it first. Returns ±infinity when the
/// value rounds past the largest double and ±0 when it rounds below the smallest subnormal.
/// Uses only 64-bit integer arithmetic on a bounded digit buffer (no long double, no
/// allocation), so it is small in wasm; slow (a few µs for a long token) but exact, meant as
/// the fallback behind a fast path.
double decimal_to_double(std::string_view token);

}  // namespace pepite::detail
