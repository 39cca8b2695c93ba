// libFuzzer target: definition parsing and validation must never crash, leak or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pepite/definition.hpp"
#include "pepite/payload.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto result = pepite::parse_definition(text);
  (void)pepite::issues_to_json(result.problems);
  (void)pepite::validate_definition_json(text);
  return 0;
}
