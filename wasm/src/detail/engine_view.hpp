// The engine's state and the JSON it answers with: views and score summaries (contracts.md).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "detail/payload_build.hpp"
#include "pepite/definition.hpp"

namespace pepite::detail {

enum class engine_phase { active, finished, dismissed };

/// What a session knows: definition, options, answers, navigation and outcome.
struct engine_data {
  survey def;
  std::string locale;  ///< the view's locale: the shell's, resolved on `def.locales`
  std::string response_id;
  std::int64_t started_at = 0;
  std::string page_url;
  nlohmann::ordered_json properties = nlohmann::ordered_json::object();
  /// UI strings the shell gave (`uiStrings` option): language -> its valid pack (one text per
  /// line, detail/ui_strings.hpp).
  std::map<std::string, std::string> ui_strings;
  answer_map answers;
  std::map<std::string, std::string> errors;  ///< question id -> error code shown in the view
  std::string current;                        ///< steps display: id of the question shown
  engine_phase phase = engine_phase::active;
  bool consent = false;
  std::optional<std::int64_t> submitted_at;
  // Cache of comments_of(): the analysis of the texts it was computed for.
  mutable std::string comments_key;
  mutable comment_analysis comments;
  mutable bool comments_ready = false;
};

/// The comment analysis of the current answers, computed once per change of the texts.
const comment_analysis& comments_of(const engine_data& d);

/// The questions shown for the current answers, in definition order.
std::vector<const question*> visible_questions(const engine_data& d);

/// The thank-you screen for the current outcome (or `default`), null when the definition has
/// neither (the view then shows the built-in thanks).
const thank_you* thank_you_screen(const engine_data& d);

/// `{"nps","category","csat","ces","alert"}` for the current answers.
nlohmann::ordered_json score_json(const engine_data& d);

/// The view: step, questions with resolved texts and values, `ui` strings, thank-you screen.
nlohmann::ordered_json build_view(const engine_data& d);

}  // namespace pepite::detail
