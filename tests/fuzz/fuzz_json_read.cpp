// libFuzzer target: the core's JSON reader and writer never crash and agree with nlohmann.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "detail/json_read.hpp"
#include "detail/json_write.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using json = nlohmann::ordered_json;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const json ours = pepite::detail::read_json(text);
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
