// The only Embind file: raw JSON-over-string bindings of pepite-tools (Node: the wasm test suite,
// payload checks for endpoints written in Node, benchmarks), the sessions plus the standalone
// validators and text functions. The names users type are defined in js/. The shopper's
// pepite-core.wasm has no Embind: wasm/core_exports.cpp gives it a plain C interface.
#include <emscripten/bind.h>

#include <string>

#include "pepite/comments.hpp"
#include "pepite/payload.hpp"
#include "pepite/redact.hpp"
#include "pepite/topics.hpp"
#include "session_table.hpp"

namespace {

// Sessions are named by a handle (an int) on the JS side, not bound as an Embind class (one table
// for both builds: wasm/session_table.hpp).
int session_create(std::string definition, std::string options) {
  return pepite::wasm::session_create(definition, options);
}
std::string session_start(int handle) {
  return pepite::wasm::session_start(handle);
}
std::string session_act(int handle, std::string action) {
  return pepite::wasm::session_act(handle, action);
}
std::string session_view(int handle) {
  return pepite::wasm::session_view(handle);
}
std::string session_payload(int handle) {
  return pepite::wasm::session_payload(handle);
}
void session_delete(int handle) {
  pepite::wasm::session_delete(handle);
}

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

}  // namespace

EMSCRIPTEN_BINDINGS(pepite) {
  emscripten::function("_sessionCreate", &session_create);
  emscripten::function("_sessionStart", &session_start);
  emscripten::function("_sessionAct", &session_act);
  emscripten::function("_sessionView", &session_view);
  emscripten::function("_sessionPayload", &session_payload);
  emscripten::function("_sessionDelete", &session_delete);
  emscripten::function("_validateDefinition", &validate_definition);
  emscripten::function("_validatePayload", &validate_payload);
  emscripten::function("_redact", &redact_text);
  emscripten::function("_analyseComment", &analyse_comment);
}
