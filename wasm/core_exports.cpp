// pepite-core.wasm, what shoppers download to see the card: the sessions behind a plain C
// interface, no Embind and no Emscripten glue (js/core.js instantiates it, as js/text.js does
// pepite-text.wasm). Strings go in as (pointer, size) in the module's memory; answers come back
// NUL-terminated from malloc (the core's JSON escapes control characters), freed by the caller.
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "session_table.hpp"

namespace {

char* to_caller(const std::string& out) {
  char* copy = static_cast<char*>(std::malloc(out.size() + 1));
  if (copy != nullptr) std::memcpy(copy, out.c_str(), out.size() + 1);
  return copy;
}

}  // namespace

extern "C" {

__attribute__((export_name("session_create"))) int session_create(const char* definition,
                                                                  std::size_t definition_size,
                                                                  const char* options,
                                                                  std::size_t options_size) {
  return pepite::wasm::session_create(std::string_view(definition, definition_size),
                                      std::string_view(options, options_size));
}
__attribute__((export_name("session_start"))) char* session_start(int handle) {
  return to_caller(pepite::wasm::session_start(handle));
}
__attribute__((export_name("session_act"))) char* session_act(int handle, const char* action,
                                                              std::size_t action_size) {
  return to_caller(pepite::wasm::session_act(handle, std::string_view(action, action_size)));
}
__attribute__((export_name("session_view"))) char* session_view(int handle) {
  return to_caller(pepite::wasm::session_view(handle));
}
__attribute__((export_name("session_payload"))) char* session_payload(int handle) {
  return to_caller(pepite::wasm::session_payload(handle));
}
__attribute__((export_name("session_delete"))) void session_delete(int handle) {
  pepite::wasm::session_delete(handle);
}

}  // extern "C"
