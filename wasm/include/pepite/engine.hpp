// The survey engine: a state machine over one survey, driven by JSON actions, answering views.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "pepite/definition.hpp"

namespace pepite {

/// One shopper's run through one survey. The shell passes the clock and ids in; the engine reads
/// no clock and makes no randomness. Contracts (options, actions, view, payload) are in
/// docs/contracts.md.
///
///     pepite::session s(definition_json, R"({"locale":"fr","responseId":"...","startedAt":0})");
///     std::string r = s.act(R"({"type":"answer","question":"nps","value":3,"at":1200})");
class session {
 public:
  /// Parses the definition and options. When either is invalid the session is not `ok()` and
  /// every action answers with the start errors.
  session(std::string_view definition_json, std::string_view options_json);
  ~session();
  session(const session&) = delete;
  session& operator=(const session&) = delete;

  bool ok() const;
  /// The start report: `{"ok":true,"view":{...},"warnings":[...]}` or `{"ok":false,"errors":[...]}`.
  std::string start_report() const;
  /// Applies one action (JSON); answers `{"ok","errors","view","payload","score"}`. On error the
  /// state is unchanged.
  std::string act(std::string_view action_json);
  /// The current view (JSON).
  std::string view() const;
  /// The current payload (JSON), `partial` or `complete`; `null` before any answer.
  std::string payload() const;

 private:
  struct state;
  std::unique_ptr<state> state_;
};

}  // namespace pepite
