// The only Embind file: raw JSON-over-string bindings; the names users type are defined in js/.
// Built twice (cmake/wasm.cmake): the shopper's pepite-core binds the sessions alone (their views
// ask the shell for comment analysis, which pepite-text.wasm does), and pepite-tools
// (PEPITE_WASM_TOOLS) links the comment analysis in and adds the standalone validators and text
// functions.
#include <emscripten/bind.h>

#include <cstdarg>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "pepite/engine.hpp"
#if PEPITE_WASM_TOOLS
#include "pepite/comments.hpp"
#include "pepite/payload.hpp"
#include "pepite/redact.hpp"
#include "pepite/topics.hpp"
#endif

namespace {

// Sessions are named by a handle (an int) on the JS side, not bound as an Embind class: the class
// machinery would add 2.6 KB gzip to the glue every shopper downloads.
std::vector<std::unique_ptr<pepite::session>>& sessions() {
  static std::vector<std::unique_ptr<pepite::session>> table;
  return table;
}

pepite::session* session_at(int handle) {
  auto& table = sessions();
  if (handle <= 0 || static_cast<std::size_t>(handle) > table.size()) return nullptr;
  return table[static_cast<std::size_t>(handle) - 1].get();
}

const char* const k_gone = R"({"ok":false,"errors":[{"code":"session.destroyed","path":"",)"
                           R"("message":"the session was destroyed"}]})";

int session_create(std::string definition, std::string options) {
  auto& table = sessions();
  auto made = std::make_unique<pepite::session>(definition, options);
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (!table[i]) {
      table[i] = std::move(made);
      return static_cast<int>(i + 1);
    }
  }
  table.push_back(std::move(made));
  return static_cast<int>(table.size());
}
std::string session_start(int handle) {
  const auto* s = session_at(handle);
  return s ? s->start_report() : k_gone;
}
std::string session_act(int handle, std::string action) {
  auto* s = session_at(handle);
  return s ? s->act(action) : k_gone;
}
std::string session_view(int handle) {
  const auto* s = session_at(handle);
  return s ? s->view() : "null";
}
std::string session_payload(int handle) {
  const auto* s = session_at(handle);
  return s ? s->payload() : "null";
}
void session_delete(int handle) {
  if (session_at(handle)) sessions()[static_cast<std::size_t>(handle) - 1].reset();
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

// Embind's __getTypeName (libembind, built without RTTI) names a type by its address with
// sprintf(buffer, "%p", type) (which the compiler may turn into musl's siprintf or
// __small_sprintf): the only printf-family call in the module, and it linked musl's whole printf
// (printf_core, argument popping, padding: ~4 KB of code) into what every shopper downloads.
// This one writes "%p" as musl does ("0x" and lower-case hex digits) and nothing else: any other
// format traps, so a later caller cannot get a wrong text silently. It is defined under the three
// names, so musl's sprintf.o (which defines the three) stays out of the link.
extern "C" {

int sprintf(char* out, const char* format, ...) {
  if (std::strcmp(format, "%p") != 0) __builtin_trap();
  va_list args;
  va_start(args, format);
  auto value = reinterpret_cast<std::uintptr_t>(va_arg(args, void*));
  va_end(args);
  char digits[2 * sizeof value];
  int count = 0;
  do {
    digits[count++] = "0123456789abcdef"[value & 15];
    value >>= 4;
  } while (value != 0);
  int at = 0;
  out[at++] = '0';
  out[at++] = 'x';
  while (count > 0) out[at++] = digits[--count];
  out[at] = '\0';
  return at;
}
int siprintf(char* out, const char* format, ...) __attribute__((alias("sprintf")));
int __small_sprintf(char* out, const char* format, ...) __attribute__((alias("sprintf")));

}  // extern "C"

EMSCRIPTEN_BINDINGS(pepite) {
  emscripten::function("_sessionCreate", &session_create);
  emscripten::function("_sessionStart", &session_start);
  emscripten::function("_sessionAct", &session_act);
  emscripten::function("_sessionView", &session_view);
  emscripten::function("_sessionPayload", &session_payload);
  emscripten::function("_sessionDelete", &session_delete);
#if PEPITE_WASM_TOOLS
  emscripten::function("_validateDefinition", &validate_definition);
  emscripten::function("_validatePayload", &validate_payload);
  emscripten::function("_redact", &redact_text);
  emscripten::function("_analyseComment", &analyse_comment);
#endif
}
