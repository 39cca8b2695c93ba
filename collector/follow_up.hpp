// "Is it solved?" (issue 17): once a case is resolved, the shopper's link serves a short survey
// asking whether the problem is solved (yes / partly / no), an optional comment and the NPS
// again. The collector builds it as an ordinary survey definition (`<surveyId>--solved`), run by
// the same core and shell; its answer is a response like any other, bound to the same order
// token, and attached to the case it follows.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "handlers.hpp"

namespace pepite::collector {

/// The id of `survey_id`'s follow-up survey, or empty when it would be longer than a survey id
/// may be (40 characters) or `survey_id` is a follow-up itself.
std::string follow_up_id(std::string_view survey_id);

/// The follow-up survey of `base` (a loaded definition) as definition JSON: the question "is your
/// problem solved?" (`solved`: choice yes / partly / no, required), a comment (`comment`,
/// optional), the NPS again (`nps`, with the base's NPS wording in the languages it has), in the
/// card's twelve languages (page_text.hpp), the base's theme; no alert (the answer goes to the
/// case it follows).
std::string follow_up_definition(const survey_entry& base);

/// The follow-up survey `order_id` is due on `survey_id` (its id), or empty: due once the order
/// answered the survey, its case is resolved and the follow-up is not begun yet (asked until
/// answered, never again after, even when the case is reopened and resolved again).
std::string follow_up_due(app& a, const std::string& survey_id, const std::string& order_id);

/// Adds the follow-up survey of every loaded survey whose id leaves room for the suffix and
/// which does not define it already; prints what it added.
void add_follow_up_surveys(app& a);

/// What the shopper answered, read from the follow-up response's stored payload.
struct resolution_answer {
  std::string answer;   ///< `yes`, `partly`, `no`; empty when the payload names none
  std::string comment;  ///< may be empty
  std::optional<int> nps;
  std::string answered_at;  ///< when the collector received the complete answer
};

/// The answer held by a follow-up response's payload (`payload_json`).
resolution_answer read_resolution(std::string_view payload_json, std::string answered_at);

/// The answer as the case API shows it: `{answer, comment, npsAfter, answeredAt}`.
json resolution_json(const resolution_answer& r);

}  // namespace pepite::collector
