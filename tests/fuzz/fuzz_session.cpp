// libFuzzer target: any sequence of actions (one JSON action per line) keeps the engine sound.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "pepite/definition.hpp"
#include "pepite/engine.hpp"
#include "pepite/payload.hpp"

namespace {
constexpr std::string_view kDefinition = R"({
  "schema": "pepite.survey/1", "id": "fuzz", "defaultLocale": "fr", "display": "steps",
  "questions": [
    {"id": "nps", "type": "nps", "text": {"fr": "NPS", "en": "NPS"}, "required": true},
    {"id": "why", "type": "choice", "text": "Why", "options": [{"id": "a", "label": "A"},
     {"id": "b", "label": "B"}], "other": {"label": "Other"}, "showIf": {"question": "nps", "lte": 6}},
    {"id": "csat", "type": "csat", "text": "CSAT", "showIf": {"any": [{"question": "why", "eq": "a"},
     {"question": "nps", "between": [7, 8]}]}},
    {"id": "comment", "type": "text", "text": "Comment", "maxLength": 50}
  ],
  "thankYou": {"detractor": {"title": "Sorry", "callbackConsent": {"label": "Call me"}}}})";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto definition = pepite::parse_definition(kDefinition);
  std::string_view input(reinterpret_cast<const char*>(data), size);
  pepite::session s(kDefinition,
                    R"({"locale":"fr-CA","responseId":"0b8e8f2c-3d5e-4a7b-9c1d-2e3f4a5b6c7d",)"
                    R"("startedAt":1764100000000,"pageUrl":"https://shop.example/merci?x=1"})");
  std::size_t start = 0;
  while (start <= input.size()) {
    std::size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    (void)s.act(input.substr(start, end - start));
    std::string payload = s.payload();
    // Every payload the engine builds must pass the strict validator.
    if (payload != "null" && !pepite::check_payload(payload, &definition.value).ok()) __builtin_trap();
    start = end + 1;
  }
  (void)s.view();
  return 0;
}
