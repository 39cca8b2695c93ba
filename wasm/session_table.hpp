// The table of live sessions behind both wasm interfaces (wasm/core_exports.cpp for shoppers,
// wasm/bindings.cpp for pepite-tools): JS names a session by a handle (1-based index, 0 = none),
// a freed slot is reused, an unknown or deleted handle answers session.destroyed.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pepite/engine.hpp"

namespace pepite::wasm {

inline std::vector<std::unique_ptr<session>>& sessions() {
  static std::vector<std::unique_ptr<session>> table;
  return table;
}

inline session* session_at(int handle) {
  auto& table = sessions();
  if (handle <= 0 || static_cast<std::size_t>(handle) > table.size()) return nullptr;
  return table[static_cast<std::size_t>(handle) - 1].get();
}

inline const char* const k_gone = R"({"ok":false,"errors":[{"code":"session.destroyed","path":"",)"
                                  R"("message":"the session was destroyed"}]})";

inline int session_create(std::string_view definition, std::string_view options) {
  auto& table = sessions();
  auto made = std::make_unique<session>(definition, options);
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (!table[i]) {
      table[i] = std::move(made);
      return static_cast<int>(i + 1);
    }
  }
  table.push_back(std::move(made));
  return static_cast<int>(table.size());
}
inline std::string session_start(int handle) {
  const auto* s = session_at(handle);
  return s ? s->start_report() : k_gone;
}
inline std::string session_act(int handle, std::string_view action) {
  auto* s = session_at(handle);
  return s ? s->act(action) : k_gone;
}
inline std::string session_view(int handle) {
  const auto* s = session_at(handle);
  return s ? s->view() : "null";
}
inline std::string session_payload(int handle) {
  const auto* s = session_at(handle);
  return s ? s->payload() : "null";
}
inline void session_delete(int handle) {
  if (session_at(handle)) sessions()[static_cast<std::size_t>(handle) - 1].reset();
}

}  // namespace pepite::wasm
