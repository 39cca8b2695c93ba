// libFuzzer target: the core's JSON reader and writer never crash and agree with nlohmann (and
// its number conversion with strtod).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "detail/decimal_to_double.hpp"
#include "detail/json_read.hpp"
#include "detail/json_write.hpp"

namespace {

/// Any input read as a number token (byte 0: sign and where the point goes, bytes 1–2: the
/// exponent, the rest: digits, mostly 0 and 9 so ties and near-ties come often) converts to
/// exactly what strtod gives.
void number_like_strtod(const std::uint8_t* data, std::size_t size) {
  if (size < 4) return;
  std::string token = (data[0] & 1) != 0 ? "-" : "";
  const std::size_t point = 1 + (data[0] >> 1) % (size - 3);
  for (std::size_t k = 3; k < size; ++k) {
    const int b = data[k];
    token += static_cast<char>('0' + (b < 64 ? 0 : b < 128 ? 9 : b < 144 ? 5 : b % 10));
    if (k - 2 == point && k + 1 < size) token += '.';
  }
  const int exponent = (data[1] | (data[2] << 8)) % 1400 - 700;
  token += "e" + std::to_string(exponent);
  const double ours = pepite::detail::decimal_to_double(token);
  const double theirs = std::strtod(token.c_str(), nullptr);
  if (std::memcmp(&ours, &theirs, sizeof ours) != 0) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using json = nlohmann::ordered_json;
  number_like_strtod(data, size);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  pepite::detail::read_failure why = pepite::detail::read_failure::none;
  const json ours = pepite::detail::read_json(text, &why);
  // A name repeated in one object: nlohmann keeps the last value, the core refuses (stricter).
  if (why == pepite::detail::read_failure::duplicate_key) return 0;
  // nlohmann has no nesting limit; past ours the verdicts may differ by design.
  std::size_t depth = 0;
  std::size_t deepest = 0;
  for (const char c : text) {
    if (c == '[' || c == '{') deepest = ++depth > deepest ? depth : deepest;
    if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  if (deepest > pepite::detail::max_read_depth) return 0;
  // nlohmann stops reading at a NUL byte between tokens; the core refuses the byte (stricter).
  if (text.find('\0') != std::string_view::npos) return 0;
  const json theirs = json::parse(text.begin(), text.end(), nullptr, false);
  if (ours.is_discarded() != theirs.is_discarded()) std::abort();
  if (!ours.is_discarded() && pepite::detail::write_json(ours) !=
                                  theirs.dump(-1, ' ', false, json::error_handler_t::replace)) {
    std::abort();
  }
  return 0;
}
