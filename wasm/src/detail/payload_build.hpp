// Builds pepite.response/1 payloads from an engine's state (validated by check_payload).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pepite/comments.hpp"
#include "pepite/definition.hpp"
#include "pepite/scoring.hpp"

namespace pepite::detail {

/// Everything a payload carries besides the definition and the answers.
struct payload_input {
  std::string response_id;
  std::string status;  ///< `partial` or `complete`
  bool callback_consent = false;
  /// The consented call-back contact (issue 16): `phone` or `email`, left out when empty.
  std::string contact_channel;
  std::string contact;  ///< as typed, never redacted
  nlohmann::ordered_json properties = nlohmann::ordered_json::object();
  std::string locale;
  std::string page_url;
  std::string token;            ///< `token`, left out when empty
  std::string sender_key;       ///< `senderKey`, left out when empty
  std::int64_t started_at = 0;  ///< ms since epoch
  std::int64_t updated_at = 0;
  std::optional<std::int64_t> submitted_at;
};

/// The comment analysis of a response (issue 7): text answers and "other" texts with personal
/// data replaced (per the definition's `redaction`), how many of each kind, and the topics and
/// urgency reasons found in the redacted texts. The engine keeps what the shopper typed; only
/// payloads carry the redacted texts.
struct comment_analysis {
  std::map<std::string, std::string> texts;        ///< question id -> redacted text answer
  std::map<std::string, std::string> other_texts;  ///< question id -> redacted otherText
  std::map<std::string, int> counts;               ///< kind -> replacements, kinds found only
  std::vector<std::string> topics;
  std::vector<std::string> urgency;  ///< known comment reasons only
  /// False when texts were typed but no analysis of them came back (the shell's `analysis`
  /// action, after pepite-text.wasm has loaded): the maps above are then empty, payloads leave
  /// those texts out until the response is complete and carry them as typed in the complete one
  /// (see docs/contracts.md).
  bool available = true;
};

/// What to analyse: the text answers, then the "other" texts, in definition order, with the
/// definition's redaction and topic settings. No texts: nothing to analyse.
comment_request comment_request_of(const survey& definition, const answer_map& answers);

/// Maps the analysis of comment_request_of(definition, answers) back onto the questions; not
/// `available` when `result` is not, or does not have one text per requested text.
comment_analysis comment_analysis_of(const survey& definition, const answer_map& answers,
                                     comment_result result);

/// The alert of a response: the definition's score rules, then what the comment says, which
/// settles the tier (raise_for_comment()).
alert response_alert(const survey& definition, const scores& s, const comment_analysis& comments);

/// One answer as written in a payload: `{questionId, type, value[, otherText]}`.
nlohmann::ordered_json answer_to_json(const question& q, const answer_value& value,
                                      const comment_analysis* comments = nullptr);

/// `{"nps","npsCategory","csat","csatSatisfied","ces","cesLowEffort"}`, nulls when absent.
nlohmann::ordered_json scores_to_json(const scores& s);

/// `{"priority","reasons"}`, or null when no rule matched.
nlohmann::ordered_json alert_to_json(const alert& a);

/// The whole payload; answers in definition order, texts as `comments` has them.
nlohmann::ordered_json build_payload(const survey& definition, const answer_map& answers,
                                     const payload_input& input, const comment_analysis& comments);

}  // namespace pepite::detail
