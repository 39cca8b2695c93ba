// libFuzzer target: payload validation, with and without a definition, must never crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pepite/definition.hpp"
#include "pepite/payload.hpp"

namespace {
// A definition with every question type, so answers of each kind reach their checks.
constexpr std::string_view kDefinition = R"({
  "schema": "pepite.survey/1", "id": "fuzz", "defaultLocale": "en",
  "questions": [
    {"id": "nps", "type": "nps", "text": "NPS", "required": true},
    {"id": "csat", "type": "csat", "text": "CSAT"},
    {"id": "pick", "type": "choice", "text": "Pick", "multiple": true, "other": {"label": "Other"},
     "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}],
     "showIf": {"question": "nps", "lte": 6}},
    {"id": "ces", "type": "ces", "text": "CES"},
    {"id": "comment", "type": "text", "text": "Comment", "maxLength": 200}
  ]})";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto definition = pepite::parse_definition(kDefinition);
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)pepite::check_payload(text, nullptr);
  (void)pepite::check_payload(text, definition.ok() ? &definition.value : nullptr);
  return 0;
}
