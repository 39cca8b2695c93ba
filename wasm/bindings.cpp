// The only Embind file: raw JSON-over-string bindings; the names users type are defined in js/.
// Built twice (cmake/wasm.cmake): the shopper's pepite-core binds the session alone, and
// pepite-tools (PEPITE_WASM_TOOLS) adds the standalone validators and text functions.
#include <emscripten/bind.h>

#include <string>

#include "pepite/engine.hpp"
#if PEPITE_WASM_TOOLS
#include "pepite/payload.hpp"
#include "pepite/redact.hpp"
#include "pepite/topics.hpp"
#endif

namespace {

pepite::session* make_session(std::string definition, std::string options) {
  return new pepite::session(definition, options);
}
std::string session_act(pepite::session& s, std::string action) {
  return s.act(action);
}

#if PEPITE_WASM_TOOLS
std::string validate_definition(std::string definition) {
  return pepite::validate_definition_json(definition);
}
std::string validate_payload(std::string payload, std::string definition) {
  return pepite::validate_payload_json(payload, definition);
}
std::string redact_text(std::string text, std::string options) {
  return pepite::redact_json(text, options);
}
std::string analyse_comment(std::string text, std::string lexicon) {
  return pepite::analyse_comment_json(text, lexicon);
}
#endif

}  // namespace

EMSCRIPTEN_BINDINGS(pepite) {
  emscripten::class_<pepite::session>("_Session")
      .constructor(&make_session, emscripten::allow_raw_pointers())
      .function("startReport", &pepite::session::start_report)
      .function("act", &session_act)
      .function("view", &pepite::session::view)
      .function("payload", &pepite::session::payload);
#if PEPITE_WASM_TOOLS
  emscripten::function("_validateDefinition", &validate_definition);
  emscripten::function("_validatePayload", &validate_payload);
  emscripten::function("_redact", &redact_text);
  emscripten::function("_analyseComment", &analyse_comment);
#endif
}
