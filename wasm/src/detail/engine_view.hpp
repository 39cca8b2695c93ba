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
  std::string token;       ///< the shop's order token (`token` option), put in every payload
  std::string sender_key;  ///< the sender's secret (`senderKey` option), put in every payload
  nlohmann::ordered_json properties = nlohmann::ordered_json::object();
  /// UI strings the shell gave (`uiStrings` option): language -> its valid pack (one text per
  /// line, detail/ui_strings.hpp).
  std::map<std::string, std::string> ui_strings;
  answer_map answers;
  std::map<std::string, std::string> errors;  ///< question id -> error code shown in the view
  std::string current;                        ///< steps display: id of the question shown
  engine_phase phase = engine_phase::active;
  bool consent = false;  ///< call-back consent (the offer on the step before sending, issue 16)
  std::string channel;   ///< `phone` or `email`: `phone` once consent is ticked, until changed
  std::string contact;   ///< as typed
  std::string contact_error;  ///< the code of the contact's error shown in the view, else empty
  std::optional<std::int64_t> submitted_at;
  /// The last comment analysis the shell sent (`analysis` action), and the texts it is of.
  comment_analysis analysis;
  std::vector<std::string> analysed_texts;
};

/// The comment analysis of the current texts: the one received when it is of these texts, an
/// empty one when there are none, else one that is not `available` (the view asks for it).
const comment_analysis& comments_of(const engine_data& d);

/// Names the texts of a request (the view's `analysis.id`, which the `analysis` action gives
/// back): 16 hex digits of their FNV-1a hash.
std::string analysis_id(const std::vector<std::string>& texts);

/// The questions shown for the current answers, in definition order.
std::vector<const question*> visible_questions(const engine_data& d);

/// The thank-you screen for the current outcome (or `default`), null when the definition has
/// neither (the view then shows the built-in thanks).
const thank_you* thank_you_screen(const engine_data& d);

/// Whether the thank-you screen for the current answers asks call-back consent (its
/// `callbackConsent`): the card then offers a call-back on the step before sending (issue 16).
bool offers_callback(const engine_data& d);

/// Consent with a plausible contact, for answers that are offered a call-back: what payloads carry.
bool callback_given(const engine_data& d);

/// `{"nps","category","csat","ces","alert"}` for the current answers.
nlohmann::ordered_json score_json(const engine_data& d);

/// The view: step, questions with resolved texts and values, `ui` strings, thank-you screen.
nlohmann::ordered_json build_view(const engine_data& d);

}  // namespace pepite::detail
